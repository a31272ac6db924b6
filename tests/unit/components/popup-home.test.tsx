/**
 * The popup's home is painted first from the inbox summary, without its notices; they come from
 * the database a moment later. Drawn after what the person clicks (the inbox rows, "Set up"),
 * their arrival cannot move it from under the pointer. The rare warnings (a relay update, a
 * message that may be missing) are drawn above the rows: twenty rows down, nobody would see them.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { PopupHome, type PopupHomeProps } from '@/entrypoints/popup/PopupHome';
import { INBOX_FIRST_ROWS, readInboxPage } from '@/lib/conversation/inbox';
import { shownOf, type InboxShown } from '@/lib/conversation/inbox-summary';
import { emptyDb, testPair } from '../helpers/db';
import { pageToRenderIn, show, unmountShown } from '../helpers/dom';
import { speak } from '../helpers/i18n';
import { addEntry } from '../helpers/log-data';

let container: HTMLElement;

beforeEach(() => {
  container = pageToRenderIn();
  speak('en');
});

afterEach(unmountShown);

const live: PopupHomeProps['live'] = {
  offer: null,
  warnings: <p className="test-warning">A warning read from the database</p>,
  notices: <p className="test-notice">A notice read from the database</p>,
  log: null,
  programme: null,
};

function home(page: InboxShown, withLive: PopupHomeProps['live']) {
  const nothing = () => undefined;
  return (
    <PopupHome
      page={page}
      tab="inbox"
      className="popup"
      onSelectTab={nothing}
      onAsk={nothing}
      onOpen={nothing}
      onSetUp={nothing}
      allFromBuddy={async () => []}
      allMine={async () => []}
      live={withLive}
    />
  );
}

/** Whether `later` comes after `earlier` in the document, where a browser lays it out lower. */
function follows(earlier: Element, later: Element): boolean {
  return (earlier.compareDocumentPosition(later) & 4) !== 0;
}

it('draws the notices below the inbox rows, so their arrival leaves the rows where they were painted', async () => {
  const db = emptyDb();
  await db.pairs.put(testPair({ peerName: 'Léa' }));
  await addEntry(db, { question: 'How do I pin a tab?', at: Date.now(), direction: 'incoming' });
  const page = shownOf(await readInboxPage(db, INBOX_FIRST_ROWS));
  await show(home(page, undefined));
  const firstPaint = container.innerHTML;
  await unmountShown();

  container = pageToRenderIn();
  await show(home(page, live));
  const list = container.querySelector('[role="tabpanel"]')!;
  const notice = container.querySelector('.test-notice')!;
  expect(list.textContent).toContain('How do I pin a tab?');
  expect(follows(list, notice)).toBe(true);
  // Everything above the rows is as the first paint drew it, but for the warnings.
  const html = container.innerHTML.replace(container.querySelector('.test-warning')!.outerHTML, '');
  const above = html.slice(0, html.indexOf('How do I pin a tab?'));
  expect(firstPaint.startsWith(above)).toBe(true);
});

it('draws the warnings above the tabs, where they are seen without scrolling past the rows', async () => {
  const db = emptyDb();
  await db.pairs.put(testPair({ peerName: 'Léa' }));
  await addEntry(db, { question: 'How do I pin a tab?', at: Date.now(), direction: 'incoming' });
  await show(home(shownOf(await readInboxPage(db, INBOX_FIRST_ROWS)), live));
  const warning = container.querySelector('.test-warning')!;
  expect(follows(warning, container.querySelector('[role="tablist"]')!)).toBe(true);
});

it('draws the welcome’s notices below its "Set up" button', async () => {
  const page = shownOf(await readInboxPage(emptyDb(), INBOX_FIRST_ROWS));
  await show(home(page, live));
  const setUp = container.querySelector('button.primary')!;
  expect(follows(setUp, container.querySelector('.test-notice')!)).toBe(true);
});
