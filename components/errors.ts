import { errorSentence, t } from '@/lib/i18n';
import { BackgroundError } from '@/lib/messaging';
import { MissingPairKeyError } from '@/lib/threads';

/** What to tell the person about an error an action of theirs ran into. */
export function sentenceForError(error: unknown): string {
  if (error instanceof BackgroundError) return errorSentence(error.code);
  if (error instanceof MissingPairKeyError) return t('error_no_pair_key');
  return t('error_unexpected');
}
