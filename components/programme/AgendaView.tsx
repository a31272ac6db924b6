import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { t, type MessageKey } from '@/lib/i18n/i18n';
import { markDiscussed } from '@/lib/programme/actions';
import { agendaOf, nextMeetupDay, type AgendaItem, type AgendaReason } from '@/lib/programme/agenda';
import { meetupIcs } from '@/lib/programme/ics';
import { downloadFile } from '../download';
import { useServices } from '../services';
import { StatusMessage } from '../StatusMessage';
import { longDay, usePairProgramme } from './usePairProgramme';

const REASONS: Record<AgendaReason, MessageKey> = {
  marked: 'agenda_reason_marked',
  unanswered: 'agenda_reason_unanswered',
  review: 'agenda_reason_review',
};

/** The agenda as plain text, for an e-mail or a chat: what "Copy as text" puts on the clipboard. */
export function agendaAsText(title: string, meetup: string | null, items: AgendaItem[]): string {
  const lines = [title, meetup ? t('programme_next_meetup', longDay(meetup)) : t('agenda_no_meetup'), ''];
  for (const item of items) {
    lines.push(`- ${item.text} (${t(REASONS[item.reason])})${item.discussed ? ` ${t('agenda_text_done')}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

export function AgendaView({ pairId, onBack }: { pairId: string; onBack(): void }) {
  const { db, client } = useServices();
  const live = usePairProgramme(pairId);
  const reviews = useLiveQuery(() => db.reviews.toArray(), []);
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  if (!live || !reviews) return null;
  const now = Date.now();
  const meetup = nextMeetupDay(live.charter.agreed, now, live.end?.lastDay);
  const items = agendaOf({ pairId, items: live.items, threads: live.threads, reviews, meetupDay: meetup, now });
  const title = t('agenda_title', live.pair.peerName);
  const text = agendaAsText(title, meetup, items);
  const copy = () =>
    navigator.clipboard.writeText(text).then(
      () => setStatus({ text: t('agenda_copied'), error: false }),
      () => setStatus({ text: t('agenda_copy_failed'), error: true }),
    );
  const download = () => {
    if (!meetup) return;
    const ics = meetupIcs({
      uid: `${pairId}-${meetup}@binome`,
      day: meetup,
      summary: t('agenda_event_title', live.pair.peerName),
      description: text,
      stamp: now,
    });
    downloadFile(`binome-meetup-${meetup}.ics`, 'text/calendar', ics);
  };
  return (
    <section className="agenda" aria-labelledby={`agenda-${pairId}`}>
      <button type="button" className="back" onClick={onBack}>
        {t('back')}
      </button>
      <h2 id={`agenda-${pairId}`}>{title}</h2>
      <p>{meetup ? t('programme_next_meetup', longDay(meetup)) : t('agenda_no_meetup')}</p>
      {items.length === 0 ? (
        <p>{t('agenda_empty')}</p>
      ) : (
        <ul className="agenda-items" aria-label={t('agenda_items')}>
          {items.map((item) => (
            <li key={item.key}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={item.discussed}
                  aria-label={t('agenda_discussed', item.text)}
                  onChange={(event) => {
                    void markDiscussed(db, pairId, item.key, event.target.checked).then(() => client.syncNow());
                  }}
                />
                <span>
                  {item.text} <span className="hint">({t(REASONS[item.reason])})</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        <button type="button" onClick={() => void copy()}>
          {t('agenda_copy')}
        </button>
        <button type="button" onClick={download} disabled={!meetup}>
          {t('agenda_download')}
        </button>
      </div>
      <StatusMessage text={status?.text} error={status?.error} />
    </section>
  );
}
