import { useId, useState } from 'react';

interface Props {
  label: string;
  question: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm(): void;
}

/** A destructive action that asks first; "cancel" has the focus, so a slip of Enter is safe. */
export function ConfirmButton({ label, question, confirmLabel, cancelLabel, onConfirm }: Props) {
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" className="danger" onClick={() => setConfirming(true)}>
        {label}
      </button>
    );
  }
  return (
    <div role="alertdialog" aria-labelledby={id} className="confirm">
      <p id={id}>{question}</p>
      <button type="button" className="danger" onClick={onConfirm}>
        {confirmLabel}
      </button>
      <button type="button" ref={(button) => button?.focus()} onClick={() => setConfirming(false)}>
        {cancelLabel}
      </button>
    </div>
  );
}
