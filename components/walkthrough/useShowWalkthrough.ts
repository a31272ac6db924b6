import { useState } from 'react';
import { targetTab } from '@/lib/capture/target-tab';
import { t } from '@/lib/i18n/i18n';
import { showWalkthrough } from '@/lib/walkthrough/player-start';
import type { Walkthrough } from '@/lib/walkthrough/schema';
import { useServices } from '../services';
import { useSubmit } from '../useSubmit';
import { useReplayPlace } from './ReplayContext';

/** "Show me on my page" for one walkthrough: starts the player here, or opens its page and says what to do there. */
export function useShowWalkthrough(message: { id: string; walkthrough: Walkthrough }) {
  const { db } = useServices();
  const place = useReplayPlace();
  const [note, setNote] = useState<string | null>(null);
  /** The site to open, once the popup said what to do there. */
  const [elsewhere, setElsewhere] = useState<string | null>(null);
  const { busy, error, run } = useSubmit(() => t('walkthrough_show_failed'));
  const go = (open: boolean) =>
    run(async () => {
      setNote(null);
      const tab = place.canInject ? await targetTab(place.tabId) : undefined;
      const outcome = await showWalkthrough(db, message, tab && { id: tab.id, url: tab.url }, { open });
      setElsewhere(outcome.kind === 'elsewhere' ? outcome.site : null);
      if (outcome.kind === 'started') place.onStarted();
      else if (outcome.kind === 'opened') setNote(t('walkthrough_opened', outcome.site));
      else if (outcome.kind === 'elsewhere') setNote(t('walkthrough_elsewhere', outcome.site));
      else throw new Error('The walkthrough names no web page.');
    });
  const problem = error && !walkthroughHasPage(message.walkthrough) ? t('walkthrough_no_page') : error;
  const openSite = elsewhere ? { label: t('walkthrough_open_site', elsewhere), open: () => go(true) } : null;
  return { show: () => go(false), openSite, busy, note, error: problem };
}

function walkthroughHasPage(walkthrough: Walkthrough): boolean {
  return /^https?:\/\//i.test(walkthrough.startUrl);
}
