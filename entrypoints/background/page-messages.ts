/** What the background does for each message of an extension page: one handler per declared type. */
import type { BinomeDb } from '@/lib/db/db';
import { readProfile } from '@/lib/db/settings';
import { queueQuestion } from '@/lib/ask/ask-backend-local';
import { startPicking } from '@/lib/ask/picker-start';
import { rememberScreenshotChoice } from '@/lib/capture/screenshot-choice';
import { BackgroundError } from '@/lib/messaging/messaging';
import type { PageToBackgroundHandlers } from '@/lib/messaging/page-to-background';
import type { BackgroundSync } from '@/lib/sync/background-sync';
import { publishNews } from '@/lib/sync/badge';
import { leavePair } from '@/lib/sync/leave-pair';
import { acceptInvite, createInvite } from '@/lib/sync/pairing';
import { joinProgramme } from '@/lib/sync/programme-join';
import { RelayError } from '@/lib/sync/relay-client';
import { normalizeRelayUrl } from '@/lib/sync/relay-url';
import { readManagedPolicy } from '@/lib/managed/cache';
import { relayRefusal } from '@/lib/managed/relay';
import { languageChanged } from './language';

export function pageMessageHandlers(db: BinomeDb, sync: BackgroundSync): PageToBackgroundHandlers {
  return {
    async 'page:sync-now'() {
      await sync.listen();
      const result = await sync.request();
      return { reachable: result?.reachable ?? false };
    },
    async 'page:create-invite'({ role }) {
      const invite = await createInvite(sync.deps, { ...(await pairingProfile(db)), role });
      await sync.listen();
      return invite;
    },
    async 'page:remember-screenshot-choice'({ site, wanted }) {
      await rememberScreenshotChoice(db, site, wanted);
      return null;
    },
    async 'page:ask'({ question }) {
      const threadId = await queueQuestion(db, question);
      await publishNews(db);
      void sync.request();
      return { threadId };
    },
    async 'page:language-changed'() {
      await languageChanged(db);
      await publishNews(db);
      return null;
    },
    async 'page:start-picking'({ tabId }) {
      await startPicking(db, tabId);
      return null;
    },
    async 'page:leave-pair'({ pairId }) {
      await leavePair(sync.deps, pairId);
      // At once: the round that follows may not reach the relay.
      await publishNews(db);
      void sync.request();
      return null;
    },
    async 'page:accept-invite'({ code }) {
      const pairing = await acceptInvite(sync.deps, { ...(await pairingProfile(db)), code });
      await sync.listen();
      void sync.request();
      return { pairingId: pairing.id, peerName: pairing.peerName ?? '' };
    },
    async 'page:join-programme'({ code }) {
      const pairing = await joinProgramme(sync.deps, { ...(await pairingProfile(db)), code }).catch((error: unknown) => {
        throw joinRefusal(error);
      });
      await sync.listen();
      void sync.request();
      return { pairingId: pairing.id };
    },
  };
}

/**
 * The join routes answer with the invite's error codes; a personal code is not an invite (no
 * buddy made it, it is not 9 characters), so the person is told about their e-mail's code instead.
 */
const JOIN_REFUSALS: Record<string, string> = {
  invite_invalid: 'join_invalid',
  invite_used: 'join_used',
  programme_ended: 'join_ended',
};

function joinRefusal(error: unknown): unknown {
  if (!(error instanceof RelayError)) return error;
  const code = JOIN_REFUSALS[error.code];
  return code ? new BackgroundError(code, error.message) : error;
}

/** Pairing needs a name to show the buddy and a relay to meet on: refused, with a code, without them. */
async function pairingProfile(db: BinomeDb): Promise<{ relayUrl: string; displayName: string }> {
  const profile = await readProfile(db);
  if (!profile.displayName.trim()) throw new BackgroundError('no_name', 'No display name is set.');
  const relayUrl = normalizeRelayUrl(profile.relayUrl);
  if (!relayUrl) throw new BackgroundError('bad_relay_url', 'The relay address is not a web address.');
  // readProfile already put a locked address in place of a stored one; an http one under requireHttps is still refused.
  const refusal = relayRefusal(relayUrl, await readManagedPolicy());
  if (refusal) throw new BackgroundError(refusal, 'The organisation refuses this relay address.');
  return { relayUrl, displayName: profile.displayName.trim() };
}
