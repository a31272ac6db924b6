import { useLiveQuery } from 'dexie-react-hooks';
import { t, tCount } from '@/lib/i18n/i18n';
import { learnedSkills, recordReview, skillsPerMonth, type LearnedSkill } from '@/lib/knowledge/skills';
import { useServices } from '../services';
import { SkillsChart } from './SkillsChart';

const date = (ms: number) => new Date(ms).toLocaleDateString();

function SkillItem({ skill, now, onOpen }: { skill: LearnedSkill; now: number; onOpen(threadId: string): void }) {
  const { db } = useServices();
  const due = skill.nextReviewAt <= now;
  return (
    <li className={due ? 'skill-item due' : 'skill-item'}>
      <h4>{skill.label}</h4>
      <p>
        {t('skill_stats', [
          date(skill.firstAskedAt),
          tCount('count_questions', skill.questions),
          date(skill.lastAnsweredAt),
          tCount('count_resolved', skill.resolved),
        ])}
      </p>
      {due ? (
        // biome-ignore lint/a11y/useSemanticElements: two buttons and a line of text in a row; a fieldset would draw a box around them.
        <div className="review" role="group" aria-label={t('review_group', skill.label)}>
          <p className="ok">{t('review_due')}</p>
          <button type="button" className="primary" onClick={() => void recordReview(db, skill, 'known')}>
            {t('review_known')}
          </button>
          <button type="button" onClick={() => void recordReview(db, skill, 'again').then(() => onOpen(skill.latestThreadId))}>
            {t('review_again')}
          </button>
        </div>
      ) : (
        <p className="hint">{t('review_next', date(skill.nextReviewAt))}</p>
      )}
    </li>
  );
}

export function SkillsLearned({ onOpen }: { onOpen(threadId: string): void }) {
  const { db } = useServices();
  const data = useLiveQuery(async () => {
    const threads = await db.threads.toArray();
    const skills = learnedSkills(threads, await db.reviews.toArray());
    return { skills, buckets: skillsPerMonth(skills, threads, Date.now()) };
  }, []);
  if (!data) return null;
  const now = Date.now();
  if (data.skills.length === 0) return <p>{t('skills_learned_empty')}</p>;
  const tools = [...new Set(data.skills.map((skill) => skill.toolName))];
  return (
    <section className="skills">
      <p role="status">{t('review_due_count', String(data.skills.filter((skill) => skill.nextReviewAt <= now).length))}</p>
      <SkillsChart buckets={data.buckets} />
      {tools.map((toolName) => (
        <section key={toolName} aria-label={toolName}>
          <h3>{toolName}</h3>
          <ul className="skill-list" aria-label={t('skills_of_tool', toolName)}>
            {data.skills
              .filter((skill) => skill.toolName === toolName)
              .map((skill) => (
                <SkillItem key={skill.skillKey} skill={skill} now={now} onOpen={onOpen} />
              ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
