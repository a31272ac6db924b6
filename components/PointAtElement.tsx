import type { ElementDescription } from '@/lib/capture/element-description';
import { t } from '@/lib/i18n/i18n';
import { useAskBackend } from './ask-backend';
import { StatusMessage } from './StatusMessage';
import { useSubmit } from './useSubmit';

/** Describes an element as a person would: "the button “Insert”". */
export function elementSummary(element: ElementDescription): string {
  const label = element.name || element.text || element.tag;
  return element.role ? t('element_summary', [element.role, label]) : label;
}

interface Props {
  tabId?: number;
  element?: ElementDescription;
  /** The popup closes: the person now clicks in the page, and Binôme comes back. */
  onStart(): void;
  onClear(): void;
}

export function PointAtElement({ tabId, element, onStart, onClear }: Props) {
  const backend = useAskBackend();
  // Whatever stopped the picker, the way out is the same: describe the place in the question.
  const { error, run } = useSubmit(() => t('element_point_failed'));
  return (
    <div className="point-at">
      {element && (
        <p>
          {t('element_pointed')} <strong>{elementSummary(element)}</strong>{' '}
          <button type="button" className="link" onClick={onClear}>
            {t('element_clear')}
          </button>
        </p>
      )}
      {tabId !== undefined && (
        <button type="button" onClick={() => void run(() => backend.startPicking(tabId).then(onStart))}>
          {element ? t('element_point_again') : t('element_point')}
        </button>
      )}
      <StatusMessage text={error} error />
    </div>
  );
}
