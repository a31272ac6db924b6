/**
 * "Show me" offered on the popup's home (the walkthrough the person asked to see, the site's
 * recall): that screen's main action is "Ask", so these buttons are never primary ones.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ReplayShortcut } from '@/components/walkthrough/ReplayShortcut';
import type { WalkthroughMessage } from '@/lib/walkthrough/replays';
import en from '@/public/_locales/en/messages.json';
import { emptyDb, PAIR_ID } from '../helpers/db';
import { pageToRenderIn, showWithDb, unmountShown } from '../helpers/dom';
import { speak } from '../helpers/i18n';
import { sampleWalkthrough } from '../walkthrough/sample';

let container: HTMLElement;

beforeEach(() => {
  container = pageToRenderIn();
  speak('en');
});

afterEach(unmountShown);

it('offers "Show me" as a secondary button beside the home’s "Ask"', async () => {
  const message: WalkthroughMessage = {
    id: 'answer-1',
    threadId: 'thread-1',
    pairId: PAIR_ID,
    kind: 'answer',
    fromMe: false,
    text: '',
    createdAt: 1,
    seq: 2,
    walkthrough: sampleWalkthrough(2),
  };
  await showWithDb(
    emptyDb(),
    <ReplayShortcut message={message} text={en.walkthrough_offer.message} label={en.walkthrough_offer_show.message} />,
  );
  const show = container.querySelector('button');
  expect(show?.textContent).toBe(en.walkthrough_offer_show.message);
  expect(show?.classList.contains('primary')).toBe(false);
});
