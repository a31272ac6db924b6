import type { WalkthroughMessage } from '@/lib/walkthrough/replays';
import { StatusMessage } from '../StatusMessage';
import { useShowWalkthrough } from './useShowWalkthrough';
import './replay.css';

/** One sentence about a walkthrough and its "Show me" button, outside its thread. */
export function ReplayShortcut({ message, text, label }: { message: WalkthroughMessage; text: string; label: string }) {
  const { show, openSite, busy, note, error } = useShowWalkthrough(message);
  return (
    <div className="replay-shortcut">
      <p>{text}</p>
      <button type="button" className="primary" disabled={busy} onClick={() => void show()}>
        {label}
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
