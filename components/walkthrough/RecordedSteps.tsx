import type { Walkthrough } from '@/lib/walkthrough/schema';
import { t, tCount } from '@/lib/i18n/i18n';

/** A sent or received walkthrough as text: its steps' captions, numbered, in order. Captions are the buddy's words: text only. */
export function RecordedSteps({ walkthrough }: { walkthrough: Walkthrough }) {
  return (
    <div className="recorded-steps">
      <p className="recorded-steps-title">{tCount('walkthrough_steps_count', walkthrough.steps.length)}</p>
      <ol aria-label={t('walkthrough_steps_label')}>
        {walkthrough.steps.map((step, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a sent walkthrough never changes; its order is its identity.
          <li key={index}>{step.caption || t('walkthrough_step_no_caption')}</li>
        ))}
      </ol>
    </div>
  );
}
