import { t } from '@/lib/i18n/i18n';
import { EmptyWalkthroughError, WalkthroughTooLongError } from '@/lib/walkthrough/recorder-draft';
import { CannotRecordHereError } from '@/lib/walkthrough/recorder-start';
import { sentenceForError } from '../errors';

/** What went wrong while recording or sending a walkthrough, in a sentence that says what to do. */
export function recordingErrorSentence(error: unknown): string {
  if (error instanceof WalkthroughTooLongError) return t('recorder_error_too_long', [String(error.steps), String(error.limit)]);
  if (error instanceof EmptyWalkthroughError) return t('recorder_error_empty');
  if (error instanceof CannotRecordHereError) return t('recorder_error_cannot_record');
  return sentenceForError(error);
}
