import { t } from '@/lib/i18n/i18n';
import type { Walkthrough } from '@/lib/walkthrough/schema';
import { RecordedSteps } from './RecordedSteps';
import { ShowMeControls } from './ShowMeControls';
import './replay.css';

/**
 * A walkthrough the buddy sent: its numbered captions, and "Show me on my page", the thread's
 * main action (`primary`) when it is the buddy's newest answer.
 */
export function ReplaySteps({ message, primary }: { message: { id: string; walkthrough: Walkthrough }; primary: boolean }) {
  return (
    <div className="walkthrough">
      <RecordedSteps walkthrough={message.walkthrough} />
      <ShowMeControls message={message} label={t('walkthrough_show')} primary={primary} />
    </div>
  );
}
