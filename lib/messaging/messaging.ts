/**
 * Typed messages between extension contexts, named by direction. Only extension pages
 * (popup, options, side panel) may talk to the background: content scripts and web
 * pages are refused by the sender check.
 */
import { browser, type Browser } from 'wxt/browser';
import type { QuestionToAsk } from '../ask/question';
import type { PairRole } from '../protocol/protocol';

export type PageToBackgroundMessage =
  | { type: 'page:sync-now' }
  | { type: 'page:create-invite'; role: PairRole }
  | { type: 'page:accept-invite'; code: string }
  | { type: 'page:leave-pair'; pairId: string }
  // From the in-page ask panel, which cannot open the database itself (lib/ask-backend.ts).
  | { type: 'page:remember-screenshot-choice'; site: string; wanted: boolean }
  | { type: 'page:ask'; question: QuestionToAsk }
  | { type: 'page:start-picking'; tabId: number };

export interface PageToBackgroundResults {
  'page:sync-now': { reachable: boolean };
  /** The code to read aloud; the pairing's progress is in Dexie (db.pairings) under pairingId. */
  'page:create-invite': { code: string; expiresAt: number; pairingId: string };
  'page:accept-invite': { pairingId: string; peerName: string };
  'page:leave-pair': null;
  'page:remember-screenshot-choice': null;
  'page:ask': { threadId: string };
  'page:start-picking': null;
}

const PAGE_MESSAGE_TYPES: ReadonlySet<string> = new Set<PageToBackgroundMessage['type']>([
  'page:sync-now',
  'page:create-invite',
  'page:accept-invite',
  'page:leave-pair',
  'page:remember-screenshot-choice',
  'page:ask',
  'page:start-picking',
]);

export type BackgroundReply<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/** An error whose code the UI turns into a sentence in the user's language. */
export class BackgroundError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'BackgroundError';
  }
}

export async function sendToBackground<M extends PageToBackgroundMessage>(
  message: M,
): Promise<PageToBackgroundResults[M['type']]> {
  const reply = (await browser.runtime.sendMessage(message)) as BackgroundReply<PageToBackgroundResults[M['type']]>;
  if (!reply) throw new BackgroundError('no_reply', 'The background did not answer.');
  if (!reply.ok) throw new BackgroundError(reply.error.code, reply.error.message);
  return reply.value;
}

export function isFromExtensionPage(sender: Browser.runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && !!sender.url?.startsWith(browser.runtime.getURL('/'));
}

export function isPageToBackgroundMessage(message: unknown): message is PageToBackgroundMessage {
  const type = (message as { type?: unknown } | null)?.type;
  return typeof type === 'string' && PAGE_MESSAGE_TYPES.has(type);
}
