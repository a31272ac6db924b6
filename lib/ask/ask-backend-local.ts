/** The ask form's backend over Dexie: for extension pages and the background, which own the database. */
import type { AskBackend, PairChoice, QuestionToAsk } from './question';
import type { BinomeDb } from '../db/db';
import { uuidv7 } from '../db/ids';
import { canSendIn } from '../conversation/pair-state';
import { startPicking } from './picker-start';
import { rememberScreenshotChoice, screenshotWanted } from '../capture/screenshot-choice';
import { composeMessage } from '../conversation/threads';
import { trimCapturedContext } from '../capture/trim-context';
import { assertMayAsk } from '../programme/actions';
import { readPairProgramme } from '../programme/pair-programme';
import { phaseAt } from '../programme/end';

/**
 * Seals and queues a question in the outbox; the caller then asks for a sync. What Binôme
 * captured is cut to what the buddy's browser accepts (and says so); what the person typed is
 * refused when too long (TextTooLongError), with nothing queued.
 */
export async function queueQuestion(db: BinomeDb, question: QuestionToAsk, at = Date.now()): Promise<string> {
  const pair = await db.pairs.get(question.pairId);
  if (!pair) throw new Error(`Unknown pair ${question.pairId}`);
  // After the pair's programme ended, no new question goes out: both logs stay.
  await assertMayAsk(db, pair, at);
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

/**
 * Only pairs a question can go to: not left, buddy not revoked, not broken, with a key. A pair
 * whose programme ended is listed last, with its end, so the form can say why nothing goes out.
 */
export async function pairChoices(db: BinomeDb, now = Date.now()): Promise<PairChoice[]> {
  const choices: PairChoice[] = [];
  for (const pair of (await db.pairs.orderBy('createdAt').toArray()).filter(canSendIn)) {
    const { end } = await readPairProgramme(db, pair);
    const ended = end && phaseAt(end, now) === 'ended' ? { programmeEndedAt: end.endsAt } : {};
    choices.push({ pairId: pair.pairId, peerName: pair.peerName, ...ended });
  }
  return choices.sort((a, b) => Number(a.programmeEndedAt !== undefined) - Number(b.programmeEndedAt !== undefined));
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
