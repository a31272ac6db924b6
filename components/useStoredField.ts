import { useEffect, useRef, useState } from 'react';

export interface StoredField {
  value: string;
  /** What the person typed: from now on a change of the stored value leaves the field alone. */
  edit(value: string): void;
  /** The field was saved as `saved`: it shows that, then follows the stored value again, unless the person typed meanwhile. */
  saved(submitted: string, saved: string): void;
}

/**
 * A form field over a stored value that may arrive late (the first read of IndexedDB) or change
 * elsewhere (another settings tab). Until the person types in it, the field shows the stored
 * value in the very render that has it; once they have typed, what they typed is never
 * overwritten. (Copying the stored value over the field in an effect wiped a name typed just
 * after the page opened.)
 */
export function useStoredField(stored: string | undefined): StoredField {
  // null while the person has not typed here.
  const [draft, setDraft] = useState<string | null>(null);
  // Refs, not state, so that an effect or a save that began before the person typed sees that they did.
  const latestDraft = useRef<string | null>(null);
  const releaseWhenStored = useRef<string | null>(null);

  const keep = (next: string | null) => {
    latestDraft.current = next;
    setDraft(next);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: the refs carry the values; stored and draft are when to look at them again.
  useEffect(() => {
    // The saved value has come back from the database: the field follows it from now on, with no flash of the old one.
    if (releaseWhenStored.current !== null && stored === releaseWhenStored.current && latestDraft.current === stored) {
      releaseWhenStored.current = null;
      keep(null);
    }
  }, [stored, draft]);

  return {
    value: draft ?? stored ?? '',
    edit(next) {
      releaseWhenStored.current = null;
      keep(next);
    },
    saved(submitted, saved) {
      // An untouched field follows the stored value already; one typed in since the submit keeps what is new.
      if (latestDraft.current === null || latestDraft.current !== submitted) return;
      releaseWhenStored.current = saved;
      keep(saved);
    },
  };
}
