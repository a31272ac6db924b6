import { useId, useState, type FormEvent } from 'react';

interface Props {
  label: string;
  submitLabel: string;
  onSubmit(text: string): Promise<void>;
}

/** A multi-line text box and its button; Ctrl+Enter sends, as in most messaging tools. */
export function ReplyForm({ label, submitLabel, onSubmit }: Props) {
  const id = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const trimmed = text.trim();
    if (!trimmed || busy) return;
    setBusy(true);
    try {
      await onSubmit(trimmed);
      setText('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="reply-form" onSubmit={submit}>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={4}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit();
        }}
      />
      <button type="submit" disabled={!text.trim() || busy}>
        {submitLabel}
      </button>
    </form>
  );
}
