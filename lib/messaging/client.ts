/**
 * What the UI calls. Writes go to Dexie first (the UI never waits on the network), then
 * the background is asked to sync; network-only steps (pairing) go to the background.
 */
import type { BinomeDb } from '../db/db';
import { uuidv7 } from '../db/ids';
import { sendToBackground } from './messaging';
import { hideOrderWarning } from '../conversation/order';
import type { PairRole } from '../protocol/protocol';
import { composeMessage, markRead } from '../conversation/threads';
import type { PayloadOf } from '../conversation/payloads';
import { publishNews } from '../sync/badge';
import { languageSetting, write } from '../db/settings';
import type { LanguageChoice } from '../i18n/language';

/** What a reply may carry besides its words (an annotated picture of the helper's screen). */
export type ReplyExtras = Omit<PayloadOf<'answer'>, 'threadId' | 'text' | 'skill'>;

export interface Client {
  answer(threadId: string, text: string, skill?: string, extras?: ReplyExtras): Promise<void>;
  followUp(threadId: string, text: string): Promise<void>;
  resolve(threadId: string): Promise<void>;
  markRead(threadId: string): Promise<void>;
  /** Makes a code to read aloud; its progress shows in db.pairings under pairingId. */
  createInvite(role: PairRole): Promise<{ code: string; expiresAt: number; pairingId: string }>;
  /** Answers the buddy's code; the pair is recorded once the buddy's browser confirms. */
  acceptInvite(code: string): Promise<{ pairingId: string; peerName: string }>;
  /** Joins a programme's planned pair with the person's personal code; the pair is recorded once both joined. */
  joinProgramme(code: string): Promise<{ pairingId: string }>;
  /** Tells the relay, so the buddy sees it too; the log stays. */
  leavePair(pairId: string): Promise<void>;
  /** The person checked with their buddy: hide "a message may be missing" for what is missing now. */
  hideOrderWarning(pairId: string): Promise<void>;
  syncNow(): Promise<void>;
  /** Stores the language chosen in the settings, and tells the background, which speaks it too. */
  chooseLanguage(choice: LanguageChoice): Promise<void>;
}

export function createClient(db: BinomeDb): Client {
  const pairOf = async (pairId: string) => {
    const pair = await db.pairs.get(pairId);
    if (!pair) throw new Error(`Unknown pair ${pairId}`);
    return pair;
  };
  const threadOf = async (threadId: string) => {
    const thread = await db.threads.get(threadId);
    if (!thread) throw new Error(`Unknown thread ${threadId}`);
    return thread;
  };
  // The message is safe in Dexie before this runs; a failed nudge only delays sending.
  const nudge = () =>
    sendToBackground({ type: 'page:sync-now' }).then(
      () => undefined,
      () => undefined,
    );
  const now = () => {
    const at = Date.now();
    return { id: uuidv7(at), now: at };
  };
  const reply = async (kind: 'answer' | 'follow-up', threadId: string, text: string, skill?: string, extras?: ReplyExtras) => {
    const thread = await threadOf(threadId);
    const payload = { ...extras, threadId, text, ...(skill ? { skill } : {}) };
    await composeMessage(db, await pairOf(thread.pairId), kind, payload, now());
    void nudge();
  };

  return {
    answer: (threadId, text, skill, extras) => reply('answer', threadId, text, skill, extras),
    followUp: (threadId, text) => reply('follow-up', threadId, text),
    async resolve(threadId) {
      const thread = await threadOf(threadId);
      await composeMessage(db, await pairOf(thread.pairId), 'resolution', { threadId }, now());
      void nudge();
    },
    async markRead(threadId) {
      await markRead(db, threadId);
      // Here rather than at the next sync round: the badge must not count what was just read.
      await publishNews(db).catch((error: unknown) => console.warn('Binôme could not redraw the badge', error));
    },
    createInvite: (role) => sendToBackground({ type: 'page:create-invite', role }),
    acceptInvite: (code) => sendToBackground({ type: 'page:accept-invite', code }),
    joinProgramme: (code) => sendToBackground({ type: 'page:join-programme', code }),
    leavePair: (pairId) => sendToBackground({ type: 'page:leave-pair', pairId }).then(() => undefined),
    hideOrderWarning: (pairId) => hideOrderWarning(db, pairId),
    syncNow: () => nudge(),
    async chooseLanguage(choice) {
      await write(db, languageSetting, choice);
      await sendToBackground({ type: 'page:language-changed' });
    },
  };
}
