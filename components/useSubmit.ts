import { useState } from 'react';
import { sentenceForError } from './errors';

/**
 * An action the person started (send, join, leave, import…): `busy` while it runs, so that the
 * screen can refuse a second start, then the sentence that says what went wrong, if it did.
 * Each run first clears the last error: an old failure never stands beside a new attempt.
 * `toSentence` is for screens whose errors have words of their own (an import's file problems).
 */
export function useSubmit(toSentence: (error: unknown) => string = sentenceForError) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(toSentence(caught));
    } finally {
      setBusy(false);
    }
  };
  /** The cause was fixed (the person typed again): the sentence about it goes. */
  const clearError = () => setError(null);
  return { busy, error, run, clearError };
}
