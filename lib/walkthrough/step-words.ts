/**
 * How a step is named to the person: its caption as the helper wrote it, or, when there is none,
 * a sentence made from what the step knows of its element ("Click “Save”", "Type your e-mail").
 * The player and the thread word steps the same way.
 */
import { t } from '../i18n/i18n';
import type { StepTarget, WalkthroughStep } from './schema';

/** The element's name as the person would read it on the helper's screen. */
export function targetName(target: StepTarget): string {
  return target.name || target.label || target.text || target.placeholder || target.testId || t('player_unnamed');
}

export function stepCaption(step: WalkthroughStep): string {
  const caption = step.caption.trim();
  if (caption) return caption;
  const name = targetName(step.target);
  if (step.action === 'type') return t('player_step_type', name);
  if (step.action === 'choose') return t('player_step_choose', name);
  return t('player_step_click', name);
}
