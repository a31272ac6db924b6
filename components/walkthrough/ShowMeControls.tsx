import type { Walkthrough } from '@/lib/walkthrough/schema';
import { StatusMessage } from '../StatusMessage';
import { useShowWalkthrough } from './useShowWalkthrough';

interface Props {
  message: { id: string; walkthrough: Walkthrough };
  label: string;
  /** Whether "Show me" is the screen's one main action; where it is offered says (one screen, one primary button). */
  primary: boolean;
}

/**
 * "Show me" for one walkthrough, wherever it is offered (its thread, the site recall, the popup's
 * offer): the button, what happened, and "Open ⟨site⟩" when the page is elsewhere.
 */
export function ShowMeControls({ message, label, primary }: Props) {
  const { show, openSite, busy, note, error } = useShowWalkthrough(message);
  return (
    <>
      <button type="button" className={primary ? 'primary' : undefined} disabled={busy} onClick={() => void show()}>
        {label}
      </button>
      <StatusMessage text={note} />
      {openSite && (
        <button type="button" disabled={busy} onClick={() => void openSite.open()}>
          {openSite.label}
        </button>
      )}
      <StatusMessage text={error} error />
    </>
  );
}
