import { useId, type ReactNode } from 'react';
import { tCount } from '@/lib/i18n/i18n';

/** The counter shows only near the end, where it helps; a long answer is not a countdown. */
function nearTheLimit(left: number, limit: number): boolean {
  return left <= Math.max(20, Math.floor(limit / 10));
}

/**
 * What a field the person types in needs to stay within a limit (lib/conversation/text-limits.ts):
 * `maxLength` for the field and, near the limit, "20 characters left" under it.
 */
export function useTextLimit(
  value: string,
  limit: number,
): { fieldProps: { maxLength: number; 'aria-describedby'?: string }; counter: ReactNode } {
  const id = useId();
  const left = Math.max(0, limit - value.length);
  if (!nearTheLimit(left, limit)) return { fieldProps: { maxLength: limit }, counter: null };
  return {
    fieldProps: { maxLength: limit, 'aria-describedby': id },
    counter: (
      <p id={id} className="hint">
        {tCount('characters_left', left)}
      </p>
    ),
  };
}
