import { useId, useState, type FormEvent } from 'react';
import { t, tCount } from '@/lib/i18n/i18n';
import { everySkill, skillLabel } from '@/lib/knowledge/skill-catalogue';
import { proposeCharter } from '@/lib/programme/actions';
import type { CharterVersion } from '@/lib/programme/charter';
import { dayOf } from '@/lib/programme/dates';
import { MAX_OBJECTIVES, MEETING_RHYTHMS_WEEKS } from '@/lib/programme/payloads';
import { useServices } from '../services';
import { StatusMessage } from '../StatusMessage';
import { useSubmit } from '../useSubmit';

interface Props {
  pairId: string;
  peerName: string;
  /** The version being edited or extended: its objectives keep their ids. */
  from: CharterVersion | null;
  onDone(): void;
}

/** Proposes a charter (or an edit, or a later end date); the buddy accepts or proposes changes. */
export function CharterForm({ pairId, peerName, from, onDone }: Props) {
  const { db, client } = useServices();
  const id = useId();
  const [objectives, setObjectives] = useState(() =>
    Array.from({ length: MAX_OBJECTIVES }, (_, index) => {
      const kept = from?.objectives[index];
      return kept ? { id: kept.id, text: skillLabel(kept.skill) } : { text: '' };
    }),
  );
  const [rhythmWeeks, setRhythm] = useState<number>(from?.rhythmWeeks ?? 2);
  const [endDate, setEndDate] = useState(from?.endDate ?? '');
  const { busy, error, run } = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await proposeCharter(db, pairId, { objectives, rhythmWeeks, endDate });
      void client.syncNow();
      onDone();
    });
  };
  return (
    <form className="charter-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('charter_form_title', peerName)}</h3>
      <fieldset>
        <legend>{t('charter_form_objectives')}</legend>
        <p className="hint">{t('charter_form_objective_hint')}</p>
        {objectives.map((objective, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: three fixed slots, never reordered.
          <div key={index}>
            <label htmlFor={`${id}-objective-${index}`}>{t('charter_form_objective', String(index + 1))}</label>
            <input
              id={`${id}-objective-${index}`}
              list={`${id}-skills`}
              value={objective.text}
              autoComplete="off"
              onChange={(event) =>
                setObjectives(objectives.map((other, at) => (at === index ? { ...other, text: event.target.value } : other)))
              }
            />
          </div>
        ))}
        <datalist id={`${id}-skills`}>
          {everySkill().map((skill) => (
            <option key={skill.id} value={skill.label} />
          ))}
        </datalist>
      </fieldset>
      <label htmlFor={`${id}-rhythm`}>{t('charter_form_rhythm')}</label>
      <select id={`${id}-rhythm`} value={rhythmWeeks} onChange={(event) => setRhythm(Number(event.target.value))}>
        {MEETING_RHYTHMS_WEEKS.map((weeks) => (
          <option key={weeks} value={weeks}>
            {tCount('charter_rhythm', weeks)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-end`}>{t('charter_form_end')}</label>
      <input
        id={`${id}-end`}
        type="date"
        min={dayOf(Date.now())}
        value={endDate}
        onChange={(event) => setEndDate(event.target.value)}
      />
      <StatusMessage text={error} error />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('charter_form_send')}
        </button>
        <button type="button" onClick={onDone}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
