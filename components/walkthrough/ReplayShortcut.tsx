import type { WalkthroughMessage } from '@/lib/walkthrough/replays';
import { ShowMeControls } from './ShowMeControls';
import './replay.css';

/**
 * One sentence about a walkthrough and its "Show me" button, outside its thread: on the popup's
 * home, whose main action is "Ask", so its button is not a primary one.
 */
export function ReplayShortcut({ message, text, label }: { message: WalkthroughMessage; text: string; label: string }) {
  return (
    <div className="replay-shortcut">
      <p>{text}</p>
      <ShowMeControls message={message} label={label} primary={false} />
    </div>
  );
}
