import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState, type FormEvent } from 'react';
import { t, type MessageKey } from '@/lib/i18n/i18n';
import { exportMarkdown } from '@/lib/knowledge/export';
import { RATINGS, saveWrapUp } from '@/lib/programme/wrap-up';
import { dayOf } from '@/lib/programme/dates';
import { peopleLabels } from '../log/ExportImport';
import { downloadFile } from '../download';
import { useServices } from '../services';
import { StatusMessage } from '../StatusMessage';
import { useSubmit } from '../useSubmit';
import { KudosForm } from './KudosForm';
import { usePairProgramme } from './usePairProgramme';

const RATING_LABELS: Record<(typeof RATINGS)[number], MessageKey> = {
  1: 'wrap_up_rating_1',
  2: 'wrap_up_rating_2',
  3: 'wrap_up_rating_3',
  4: 'wrap_up_rating_4',
};

/** The end of a pair: keep the log, rate it for oneself (shared only if ticked), thank the buddy. */
export function WrapUp({ pairId, onBack }: { pairId: string; onBack(): void }) {
  const { db } = useServices();
  const id = useId();
  const live = usePairProgramme(pairId);
  const saved = useLiveQuery(() => db.wrapUps.get(pairId), [pairId]);
  const [rating, setRating] = useState<number | null>(null);
  const [recommend, setRecommend] = useState<boolean | null>(null);
  const [share, setShare] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, run } = useSubmit();
  if (!live) return null;
  const peer = live.pair.peerName;
  const shownRating = rating ?? saved?.rating ?? null;
  const shownRecommend = recommend ?? saved?.wouldRecommend ?? null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await saveWrapUp(db, pairId, { rating: shownRating, wouldRecommend: shownRecommend, shareWithProgramme: share });
      setDone(share ? t('wrap_up_saved_shared') : t('wrap_up_saved'));
    });
  };
  const exportLog = async () => {
    downloadFile(`binome-log-${dayOf(Date.now())}.md`, 'text/markdown', await exportMarkdown(db, peopleLabels()));
  };
  return (
    <section className="wrap-up" aria-labelledby={`${id}-title`}>
      <button type="button" className="back" onClick={onBack}>
        {t('back')}
      </button>
      <h2 id={`${id}-title`}>{t('wrap_up_title', peer)}</h2>
      <h3>{t('wrap_up_export')}</h3>
      <button type="button" onClick={() => void exportLog()}>
        {t('wrap_up_export_button')}
      </button>
      <form onSubmit={submit}>
        <p className="hint">{t('wrap_up_private', peer)}</p>
        <fieldset>
          <legend>{t('wrap_up_rating')}</legend>
          {RATINGS.map((value) => (
            <label key={value}>
              <input type="radio" name={`${id}-rating`} checked={shownRating === value} onChange={() => setRating(value)} />
              {t(RATING_LABELS[value])}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('wrap_up_recommend')}</legend>
          <label>
            <input type="radio" name={`${id}-recommend`} checked={shownRecommend === true} onChange={() => setRecommend(true)} />
            {t('wrap_up_yes')}
          </label>
          <label>
            <input
              type="radio"
              name={`${id}-recommend`}
              checked={shownRecommend === false}
              onChange={() => setRecommend(false)}
            />
            {t('wrap_up_no')}
          </label>
        </fieldset>
        <label className="checkbox">
          <input type="checkbox" checked={share} onChange={(event) => setShare(event.target.checked)} />
          {t('wrap_up_share', peer)}
        </label>
        <StatusMessage text={error} error />
        <StatusMessage text={done} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('wrap_up_save')}
          </button>
        </div>
      </form>
      <KudosForm pairId={pairId} peerName={peer} title={t('kudos_thank_programme', peer)} />
    </section>
  );
}
