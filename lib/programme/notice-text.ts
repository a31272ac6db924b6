/** What each reminder and nudge says, in the person's language: the notification and the banner say the same. */
import { t } from '../i18n/i18n';
import type { DueNotice } from './notices';

export function noticeTitle(notice: DueNotice): string {
  switch (notice.type) {
    case 'end-14':
      return t('notice_end_14_title', notice.peerName);
    case 'end-2':
      return t('notice_end_2_title', notice.peerName);
    case 'wrap-up':
      return t('notice_wrap_up_title', notice.peerName);
    case 'silent-7':
      return t('notice_silent_7_title', notice.peerName);
    case 'silent-14':
      return t('notice_silent_14_title', notice.peerName);
  }
}

/** The suggested next step. */
export function noticeBody(notice: DueNotice): string {
  switch (notice.type) {
    case 'end-14':
      return t('notice_end_14_body');
    case 'end-2':
      return t('notice_end_2_body');
    case 'wrap-up':
      return t('notice_wrap_up_body');
    case 'silent-7':
      return t('notice_silent_7_body', notice.peerName);
    case 'silent-14':
      return t('notice_silent_14_body');
  }
}
