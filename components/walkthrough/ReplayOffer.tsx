import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { targetTab } from '@/lib/capture/target-tab';
import { waitingWalkthroughSetting } from '@/lib/db/settings';
import { t } from '@/lib/i18n/i18n';
import { waitingWalkthroughFor } from '@/lib/walkthrough/player-start';
import { walkthroughMessage } from '@/lib/walkthrough/replays';
import { useServices } from '../services';
import { useSetting } from '../useSetting';
import { useReplayPlace } from './ReplayContext';
import { ReplayShortcut } from './ReplayShortcut';

/**
 * First on the popup's home: the walkthrough the person asked to see from another page (or the
 * log page), now that the popup is opened on its site.
 */
export function ReplayOffer() {
  const { db } = useServices();
  const place = useReplayPlace();
  const waiting = useSetting(db, waitingWalkthroughSetting);
  const [tabUrl, setTabUrl] = useState<string | undefined>();
  useEffect(() => {
    if (!place.canInject) return;
    void targetTab(place.tabId).then(
      (tab) => setTabUrl(tab?.url),
      () => setTabUrl(undefined),
    );
  }, [place.canInject, place.tabId]);
  const offer = useLiveQuery(async () => {
    const messageId = await waitingWalkthroughFor(db, tabUrl);
    const message = messageId ? await walkthroughMessage(db, messageId) : null;
    if (!message) return null;
    const pair = await db.pairs.get(message.pairId);
    return { message, buddy: pair?.peerName || t('buddy_unknown') };
  }, [db, tabUrl, waiting?.at]);
  if (!offer) return null;
  return (
    <section className="replay-offer" aria-label={t('walkthrough_heading')}>
      <ReplayShortcut message={offer.message} text={t('walkthrough_offer', offer.buddy)} label={t('walkthrough_offer_show')} />
    </section>
  );
}
