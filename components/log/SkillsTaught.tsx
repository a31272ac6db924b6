import { useLiveQuery } from 'dexie-react-hooks';
import { t, tCount } from '@/lib/i18n/i18n';
import { taughtSkills } from '@/lib/knowledge/skills';
import { useServices } from '../services';
import { KudosReceived } from '../programme/KudosReceived';

export function SkillsTaught() {
  const { db } = useServices();
  const groups = useLiveQuery(async () => taughtSkills(await db.threads.toArray(), await db.pairs.toArray()), []);
  // Kudos can come before any skill was tagged: each thanking buddy gets a section.
  const thanking = useLiveQuery(async () => {
    const pairIds = new Set(
      (await db.programmeItems.toArray()).filter((item) => item.kind === 'kudos' && !item.fromMe).map((item) => item.pairId),
    );
    return (await db.pairs.toArray()).filter((pair) => pairIds.has(pair.pairId));
  }, []);
  if (!groups || !thanking) return null;
  const onlyThanked = thanking.filter((pair) => !groups.some((group) => group.pair.pairId === pair.pairId));
  if (groups.length === 0 && onlyThanked.length === 0) return <p>{t('skills_taught_empty')}</p>;
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
          <KudosReceived pair={pair} />
        </section>
      ))}
      {onlyThanked.map((pair) => (
        <section key={pair.pairId} aria-labelledby={`taught-${pair.pairId}`}>
          <h3 id={`taught-${pair.pairId}`}>{t('taught_to', pair.peerName)}</h3>
          <KudosReceived pair={pair} />
        </section>
      ))}
    </section>
  );
}
