import { useLiveQuery } from 'dexie-react-hooks';
import { t } from '@/lib/i18n/i18n';
import { bannersOf, dismissNotice, type DueNotice } from '@/lib/programme/notices';
import { noticeBody, noticeTitle } from '@/lib/programme/notice-text';
import { useServices } from '../services';

interface Props {
  onAsk(): void;
  onWrapUp(pairId: string): void;
}

/** The reminders and nudges due now, until hidden: the same words as their notification. */
export function ProgrammeBanners({ onAsk, onWrapUp }: Props) {
  const { db } = useServices();
  const banners = useLiveQuery(() => bannersOf(db, Date.now()), []);
  if (!banners?.length) return null;
  const hide = (notice: DueNotice) => void dismissNotice(db, notice);
  return (
    <>
      {banners.map((notice) => (
        <div key={notice.id} role="status" className="recall programme-banner">
          <p>
            <strong>{noticeTitle(notice)}</strong> {noticeBody(notice)}
          </p>
          <div className="actions">
            {notice.type === 'wrap-up' && (
              <button type="button" onClick={() => onWrapUp(notice.pairId)}>
                {t('programme_wrap_up')}
              </button>
            )}
            {notice.type === 'silent-7' && (
              <button type="button" onClick={onAsk}>
                {t('notice_ask')}
              </button>
            )}
            {notice.type === 'silent-14' && (
              <>
                <button
                  type="button"
                  onClick={() => {
                    hide(notice);
                    onAsk();
                  }}
                >
                  {t('notice_carry_on')}
                </button>
                <button type="button" onClick={() => hide(notice)}>
                  {t('notice_pause')}
                </button>
              </>
            )}
            {notice.type !== 'silent-14' && (
              <button type="button" onClick={() => hide(notice)}>
                {t('notice_hide')}
              </button>
            )}
          </div>
        </div>
      ))}
    </>
  );
}
