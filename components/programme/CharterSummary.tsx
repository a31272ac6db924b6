import { t, tCount } from '@/lib/i18n/i18n';
import type { CharterVersion } from '@/lib/programme/charter';
import { skillLabel } from '@/lib/knowledge/skill-catalogue';
import { longDay } from './usePairProgramme';

/** A charter version as both buddies read it: objectives, rhythm and end. */
export function CharterSummary({ charter }: { charter: CharterVersion }) {
  return (
    <div className="charter-summary">
      <ul aria-label={t('charter_objectives')}>
        {charter.objectives.map((objective) => (
          <li key={objective.id}>{skillLabel(objective.skill)}</li>
        ))}
      </ul>
      <p>
        {tCount('charter_rhythm', charter.rhythmWeeks)} · {t('charter_ends_on', longDay(charter.endDate))}
      </p>
    </div>
  );
}
