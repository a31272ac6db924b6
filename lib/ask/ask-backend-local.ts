/** The ask form's backend over Dexie: for extension pages and the background, which own the database. */
import type { AskBackend, PairChoice, QuestionToAsk } from './question';
import type { BinomeDb } from '../db/db';
import { uuidv7 } from '../db/ids';
import { canSendIn } from '../conversation/pair-state';
import { startPicking } from './picker-start';
import { rememberScreenshotChoice, screenshotWanted } from '../capture/screenshot-choice';
import { composeMessage } from '../conversation/threads';
import { trimCapturedContext } from '../capture/trim-context';

/**
 * Seals and queues a question in the outbox; the caller then asks for a sync. What Binôme
 * captured is cut to what the buddy's browser accepts (and says so); what the person typed is
 * refused when too long (TextTooLongError), with nothing queued.
 */
export async function queueQuestion(db: BinomeDb, question: QuestionToAsk, at = Date.now()): Promise<string> {
  const pair = await db.pairs.get(question.pairId);
  if (!pair) throw new Error(`Unknown pair ${question.pairId}`);
  const id = uuidv7(at);
  const { text, context, skill, element, screenshot } = question;
  const payload = {
    threadId: id,
    text,
    context: context && trimCapturedContext(context),
    ...(skill ? { skill } : {}),
    ...(element ? { element } : {}),
    ...(screenshot ? { screenshot } : {}),
  };
  await composeMessage(db, pair, 'question', payload, { id, now: at });
  return id;
}

/** Only pairs a question can go to: not left, buddy not revoked, not broken, with a key. */
export async function pairChoices(db: BinomeDb): Promise<PairChoice[]> {
  return (await db.pairs.orderBy('createdAt').toArray()).filter(canSendIn).map(({ pairId, peerName }) => ({ pairId, peerName }));
}

export function localAskBackend(db: BinomeDb, afterQueue: () => void): AskBackend {
  return {
    pairs: () => pairChoices(db),
    screenshotWanted: (site) => screenshotWanted(db, site),
    rememberScreenshotChoice: (site, wanted) => rememberScreenshotChoice(db, site, wanted),
    async ask(question) {
      const threadId = await queueQuestion(db, question);
      afterQueue();
      return threadId;
    },
    startPicking: (tabId) => startPicking(db, tabId),
  };
}
