import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { StatusMessage } from './StatusMessage';
import { useSubmit } from './useSubmit';
import { useTextLimit } from './useTextLimit';
import { TEXT_LIMITS } from '@/lib/conversation/text-limits';

interface Props {
  label: string;
  submitLabel: string;
  onSubmit(text: string): Promise<void>;
  /** More fields between the text and the button (the helper's skill field). */
  children?: ReactNode;
  /** The screen's main action: its button stays in view at the bottom of the popup, outside the form it submits. */
  main?: boolean;
  /** Something else is attached (a picture): the words may then be left out. */
  attached?: boolean;
  /** An attachment is still being made (the screen being captured): sending waits for it. */
  waiting?: boolean;
}

/** A multi-line text box and its button; Ctrl+Enter sends, as in most messaging tools. */
export function ReplyForm({ label, submitLabel, onSubmit, children, main = false, attached = false, waiting = false }: Props) {
  const id = useId();
  const [text, setText] = useState('');
  const { busy, error, run } = useSubmit();
  const limit = useTextLimit(text, TEXT_LIMITS.text);
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const trimmed = text.trim();
    if ((!trimmed && !attached) || busy || waiting) return;
    await run(async () => {
      await onSubmit(trimmed);
      setText('');
    });
  };
  const button = (
    <button
      type="submit"
      form={`${id}-form`}
      className={main ? 'primary' : undefined}
      disabled={(!text.trim() && !attached) || busy || waiting}
    >
      {submitLabel}
    </button>
  );
  return (
    <>
      <form id={`${id}-form`} className="reply-form" onSubmit={submit}>
        <label htmlFor={id}>{label}</label>
        <textarea
          id={id}
          rows={4}
          value={text}
          {...limit.fieldProps}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit();
          }}
        />
        {limit.counter}
        {children}
        {!main && button}
        <StatusMessage text={error} error />
      </form>
      {main && <div className="sticky-actions">{button}</div>}
    </>
  );
}
