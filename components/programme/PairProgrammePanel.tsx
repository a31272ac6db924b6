import { useState } from 'react';
import { browser } from 'wxt/browser';
import { t, tCount } from '@/lib/i18n/i18n';
import { acceptCharter, markObjectiveReached } from '@/lib/programme/actions';
import { nextMeetupDay } from '@/lib/programme/agenda';
import { objectiveProgress } from '@/lib/programme/charter-objectives';
import { phaseAt } from '@/lib/programme/end';
import { useServices } from '../services';
import { StatusMessage } from '../StatusMessage';
import { useSubmit } from '../useSubmit';
import { CharterForm } from './CharterForm';
import { CharterSummary } from './CharterSummary';
import { longDay, usePairProgramme } from './usePairProgramme';

export type ProgrammeScreen = 'agenda' | 'wrap-up';

interface Props {
  pairId: string;
  onOpen(screen: ProgrammeScreen, pairId: string): void;
}

/** One pair's programme: its charter (or a proposal to answer), objectives, next meetup, end. */
export function PairProgrammePanel({ pairId, onOpen }: Props) {
  const { db, client } = useServices();
  const live = usePairProgramme(pairId);
  const [editing, setEditing] = useState(false);
  const { busy, error, run } = useSubmit();
  if (!live) return null;
  const { pair, charter, end, programme } = live;
  const now = Date.now();
  const phase = phaseAt(end, now);
  const meetup = nextMeetupDay(charter.agreed, now, end?.lastDay);
  const act = (action: () => Promise<unknown>) =>
    void run(async () => {
      await action();
      void client.syncNow();
    });
  const headingId = `programme-${pairId}`;
  return (
    <section className="programme" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('programme_with', pair.peerName)}</h2>
      {programme && <p>{t('programme_name', programme.name)}</p>}
      {editing ? (
        <CharterForm
          pairId={pairId}
          peerName={pair.peerName}
          from={charter.pending ?? charter.agreed}
          onDone={() => setEditing(false)}
        />
      ) : (
        <>
          {charter.pending && !charter.pending.proposedByMe && (
            <div className="charter-pending">
              <p>{t('programme_pending_from_peer', pair.peerName)}</p>
              <CharterSummary charter={charter.pending} />
              <div className="actions">
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => act(() => acceptCharter(db, pairId, charter.pending!.proposalId))}
                >
                  {t('programme_accept')}
                </button>
                <button type="button" onClick={() => setEditing(true)}>
                  {t('programme_edit')}
                </button>
              </div>
            </div>
          )}
          {charter.pending?.proposedByMe && <p role="status">{t('programme_pending_mine', pair.peerName)}</p>}
          {!charter.agreed && !charter.pending && (
            <>
              <p>{t('programme_no_charter')}</p>
            </>
          )}
          {charter.agreed && (
            <div className="charter-agreed">
              <h3>{t('programme_charter_title')}</h3>
              <ul className="objectives" aria-label={t('charter_objectives')}>
                {objectiveProgress({ agreed: charter.agreed, reached: charter.reached }, live.threads).map((progress) => (
                  <li key={progress.objective.id}>
                    <span>{tCount('objective_progress', progress.answered, [progress.label])}</span>
                    <label className="checkbox">
                      <input
                        type="checkbox"
                        checked={progress.reached}
                        aria-label={t('objective_reached_label', progress.label)}
                        onChange={(event) =>
                          act(() => markObjectiveReached(db, pairId, progress.objective.id, event.target.checked))
                        }
                      />
                      {t('objective_reached')}
                    </label>
                  </li>
                ))}
              </ul>
              <p>
                {tCount('charter_rhythm', charter.agreed.rhythmWeeks)} · {t('charter_ends_on', longDay(charter.agreed.endDate))}
              </p>
              {!charter.pending && (
                <button type="button" onClick={() => setEditing(true)}>
                  {phase === 'ended' ? t('programme_extend') : t('programme_edit_charter')}
                </button>
              )}
            </div>
          )}
          {end?.source === 'programme' && <p className="hint">{t('programme_source_programme')}</p>}
          {meetup && phase !== 'ended' && <p>{t('programme_next_meetup', longDay(meetup))}</p>}
          <div className="actions">
            {!charter.agreed && !charter.pending && (
              <button type="button" onClick={() => setEditing(true)}>
                {t('programme_propose')}
              </button>
            )}
            <button type="button" onClick={() => onOpen('agenda', pairId)}>
              {t('programme_open_agenda')}
            </button>
            {phase !== 'open' && (
              <button type="button" onClick={() => onOpen('wrap-up', pairId)}>
                {t('programme_wrap_up')}
              </button>
            )}
            {phase === 'ended' && (
              <button
                type="button"
                onClick={() => void browser.tabs.create({ url: browser.runtime.getURL(`/certificate.html?pair=${pairId}`) })}
              >
                {t('programme_certificate')}
              </button>
            )}
          </div>
          {phase === 'last-day' && <p role="status">{t('programme_ends_today')}</p>}
          {phase === 'ended' && end && <p role="status">{t('programme_ended_on', longDay(end.lastDay))}</p>}
          <StatusMessage text={error} error />
        </>
      )}
    </section>
  );
}
