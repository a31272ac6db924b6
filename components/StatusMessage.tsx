interface Props {
  /** Nothing is shown without it. */
  text: string | null | undefined;
  /** A failure is announced at once (an alert); a success is read out when the person is free. */
  error?: boolean;
}

/** How the person's last action went, in one sentence under the form or button that started it. */
export function StatusMessage({ text, error = false }: Props) {
  if (!text) return null;
  return (
    <p role={error ? 'alert' : 'status'} className={error ? 'error' : 'ok'}>
      {text}
    </p>
  );
}
