import { useId } from 'react';
import { t } from '@/lib/i18n/i18n';
import type { Walkthrough } from '@/lib/walkthrough/schema';
import { stepCaption } from '@/lib/walkthrough/step-words';
import { StatusMessage } from '../StatusMessage';
import { useShowWalkthrough } from './useShowWalkthrough';

/**
 * A walkthrough in the thread: its steps as a numbered list of captions (the helper's words,
 * rendered as text), and for the asker "Show me on my page".
 */
export function ReplaySteps({ message, canShow }: { message: { id: string; walkthrough: Walkthrough }; canShow: boolean }) {
  const titleId = useId();
  const { show, busy, note, error } = useShowWalkthrough(message);
  return (
    <div className="walkthrough">
      <p id={titleId} className="walkthrough-title">
        {t('walkthrough_heading')}
      </p>
      <ol className="walkthrough-steps" aria-labelledby={titleId}>
        {message.walkthrough.steps.map((step, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: steps have no id; their order is what they are.
          <li key={index}>{stepCaption(step)}</li>
        ))}
      </ol>
      {canShow && (
        <button type="button" className="primary" disabled={busy} onClick={() => void show()}>
          {t('walkthrough_show')}
        </button>
      )}
      <StatusMessage text={note} />
      <StatusMessage text={error} error />
    </div>
  );
}
