import { errorSentence, t, tCount } from '@/lib/i18n/i18n';
import { BackgroundError } from '@/lib/messaging/messaging';
import { MissingPairKeyError, PairClosedError, WrongSideError } from '@/lib/conversation/pair-errors';
import { PayloadRefusedError, TextTooLongError } from '@/lib/conversation/payload-errors';
import { ProfileProblem } from './profile-problem';
import { CharterRefusedError, KudosRefusedError, ProgrammeEndedError } from '@/lib/programme/programme-errors';
import { WrapUpRefusedError } from '@/lib/programme/wrap-up';

/** What to tell the person about an error an action of theirs ran into. */
/** Dexie wraps IndexedDB's errors; the name survives at one level or the other. */
function isQuotaError(error: unknown): boolean {
  const names = [(error as { name?: string })?.name, (error as { inner?: { name?: string } })?.inner?.name];
  return names.includes('QuotaExceededError');
}

export function sentenceForError(error: unknown): string {
  if (error instanceof BackgroundError || error instanceof ProfileProblem) return errorSentence(error.code);
  if (isQuotaError(error)) return t('error_storage_full');
  if (error instanceof MissingPairKeyError) return t('error_no_pair_key');
  if (error instanceof PairClosedError) return t(error.reason === 'no_key' ? 'error_no_pair_key' : 'error_pair_closed');
  if (error instanceof WrongSideError) return t('error_wrong_side');
  if (error instanceof TextTooLongError) {
    return tCount(error.field === 'skill' ? 'error_skill_too_long' : 'error_text_too_long', error.limit);
  }
  if (error instanceof PayloadRefusedError) return t('error_message_refused');
  if (error instanceof CharterRefusedError) return t(`charter_error_${error.problem}`);
  if (error instanceof KudosRefusedError) return t(`kudos_error_${error.problem}`);
  if (error instanceof ProgrammeEndedError) return t('error_programme_ended');
  if (error instanceof WrapUpRefusedError) return t('wrap_up_error');
  return t('error_unexpected');
}
