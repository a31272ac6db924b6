import { useLiveQuery } from 'dexie-react-hooks';
import { t, tCount } from '@/lib/i18n/i18n';
import { taughtSkills } from '@/lib/knowledge/skills';
import { useServices } from '../services';

export function SkillsTaught() {
  const { db } = useServices();
  const groups = useLiveQuery(async () => taughtSkills(await db.threads.toArray(), await db.pairs.toArray()), []);
  if (!groups) return null;
  if (groups.length === 0) return <p>{t('skills_taught_empty')}</p>;
  return (
    <section className="skills">
      {groups.map(({ pair, skills }) => (
        <section key={pair.pairId} aria-labelledby={`taught-${pair.pairId}`}>
          <h3 id={`taught-${pair.pairId}`}>{t('taught_to', pair.peerName)}</h3>
          <ul className="skill-list" aria-labelledby={`taught-${pair.pairId}`}>
            {skills.map((skill) => (
              <li key={skill.skillKey} className="skill-item">
                <h4>{skill.label}</h4>
                <p>
                  {t('taught_stats', [
                    skill.toolName,
                    tCount('count_answers', skill.answers),
                    new Date(skill.lastAnsweredAt).toLocaleDateString(),
                  ])}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
