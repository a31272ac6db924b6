/**
 * A recorded gesture made into a step: its target cut to the limits the receiver enforces
 * (a page may give an element a 1 MB label: it is cut here, not refused there), the address
 * pattern of the page, and a default caption in the helper's language that they can rewrite.
 */
import { t } from '../i18n/i18n';
import { urlPattern } from './recorder-url';
import { WALKTHROUGH_LIMITS } from './limits';
import type { StepAction, StepTarget, WalkthroughStep } from './schema';

const cut = (text: string, max: number): string => (text.length <= max ? text : text.slice(0, max));

/** Every string of a target within the schema's limits, whatever the page put in it. */
export function clampTarget(target: StepTarget): StepTarget {
  const word = (text: string) => cut(text, WALKTHROUGH_LIMITS.word);
  const selector = (text: string) => cut(text, WALKTHROUGH_LIMITS.selector);
  const dataAttributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(target.dataAttributes)) {
    if (Object.keys(dataAttributes).length >= WALKTHROUGH_LIMITS.dataAttributes) break;
    if (!name.startsWith('data-') || name.length > WALKTHROUGH_LIMITS.dataName) continue;
    dataAttributes[name] = cut(value, WALKTHROUGH_LIMITS.dataValue);
  }
  const unit = (value: number) => (Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0);
  const count = (value: number, min: number) => (Number.isInteger(value) ? Math.min(100_000, Math.max(min, value)) : min);
  return {
    tag: cut(target.tag, 60) || 'unknown',
    role: word(target.role),
    name: word(target.name),
    label: word(target.label),
    placeholder: word(target.placeholder),
    text: word(target.text),
    testId: word(target.testId),
    dataAttributes,
    id: cut(target.id, WALKTHROUGH_LIMITS.id),
    selector: selector(target.selector),
    siblingIndex: count(target.siblingIndex, 0),
    siblingCount: count(target.siblingCount, 1),
    place: {
      x: unit(target.place.x),
      y: unit(target.place.y),
      width: unit(target.place.width),
      height: unit(target.place.height),
    },
    framePath: target.framePath.slice(0, WALKTHROUGH_LIMITS.pathDepth).map(selector),
    shadowPath: target.shadowPath.slice(0, WALKTHROUGH_LIMITS.pathDepth).map(selector),
  };
}

/** How a person would call the element: its name, else its label, text or placeholder. */
export function targetWords(target: StepTarget): string {
  return target.name || target.label || target.text || target.placeholder;
}

/** Long names are cut for the caption (the step keeps them whole for the resolver). */
function quoted(words: string): string {
  const max = 80;
  return words.length <= max ? words : `${words.slice(0, max - 1)}…`;
}

/** "Click “Save”", "Type your e-mail address", "Choose “Monthly” in Frequency", in the language Binôme speaks. */
export function defaultCaption(action: StepAction, target: StepTarget, choice = ''): string {
  const words = quoted(targetWords(target));
  const caption = (() => {
    switch (action) {
      case 'type':
        return words ? t('walkthrough_caption_type', words) : t('walkthrough_caption_type_unnamed');
      case 'choose':
        if (choice && target.tag !== 'option' && target.role !== 'option' && words) {
          return t('walkthrough_caption_choose_in', [quoted(choice), words]);
        }
        return choice || words
          ? t('walkthrough_caption_choose', quoted(choice || words))
          : t('walkthrough_caption_click_unnamed');
      default:
        return words ? t('walkthrough_caption_click', words) : t('walkthrough_caption_click_unnamed');
    }
  })();
  return cut(caption, WALKTHROUGH_LIMITS.caption);
}

export interface RecordedStep {
  action: StepAction;
  target: StepTarget;
  /** For `choose`: the option's visible text. */
  choice: string;
  /** The page's full address when the step was recorded: only its pattern is kept. */
  url: string;
}

export function makeStep(recorded: RecordedStep): WalkthroughStep {
  const target = clampTarget(recorded.target);
  return {
    action: recorded.action,
    target,
    caption: defaultCaption(recorded.action, target, cut(recorded.choice, WALKTHROUGH_LIMITS.word)),
    urlPattern: urlPattern(recorded.url),
  };
}
