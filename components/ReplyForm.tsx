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
}

/** A multi-line text box and its button; Ctrl+Enter sends, as in most messaging tools. */
export function ReplyForm({ label, submitLabel, onSubmit, children }: Props) {
  const id = useId();
  const [text, setText] = useState('');
  const { busy, error, run } = useSubmit();
  const limit = useTextLimit(text, TEXT_LIMITS.text);
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const trimmed = text.trim();
    if (!trimmed || busy) return;
    await run(async () => {
      await onSubmit(trimmed);
      setText('');
    });
  };
  return (
    <form className="reply-form" onSubmit={submit}>
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
      <button type="submit" disabled={!text.trim() || busy}>
        {submitLabel}
      </button>
      <StatusMessage text={error} error />
    </form>
  );
}
