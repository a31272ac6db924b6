import { t } from '@/lib/i18n/i18n';
import type { Walkthrough } from '@/lib/walkthrough/schema';
import { StatusMessage } from '../StatusMessage';
import { RecordedSteps } from './RecordedSteps';
import { useShowWalkthrough } from './useShowWalkthrough';
import './replay.css';

/** A walkthrough the buddy sent: its numbered captions, and "Show me on my page". */
export function ReplaySteps({ message }: { message: { id: string; walkthrough: Walkthrough } }) {
  const { show, openSite, busy, note, error } = useShowWalkthrough(message);
  return (
    <div className="walkthrough">
      <RecordedSteps walkthrough={message.walkthrough} />
      <button type="button" className="primary" disabled={busy} onClick={() => void show()}>
        {t('walkthrough_show')}
      </button>
      <StatusMessage text={note} />
      {openSite && (
        <button type="button" disabled={busy} onClick={() => void openSite.open()}>
          {openSite.label}
        </button>
      )}
      <StatusMessage text={error} error />
    </div>
  );
}
