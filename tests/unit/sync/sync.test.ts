import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BinomeDb, Identity, Pair } from '@/lib/db/db';
import { acceptInvite, createInvite, syncDisplayName } from '@/lib/sync/pairing';
import { RelayClient } from '@/lib/sync/relay-client';
import { searchLog } from '@/lib/knowledge/search';
import { readNews } from '@/lib/conversation/news';
import { backoffDelay, syncAll } from '@/lib/sync/sync';
import type { SyncDeps } from '@/lib/sync/deps';
import { composeMessage, type StoredMessage } from '@/lib/conversation/threads';
import { startRelay, type RunningRelay } from '@/relay/server';
import { queueQuestion } from '@/lib/ask/ask-backend-local';
import { TextTooLongError } from '@/lib/conversation/payload-errors';
import { TEXT_LIMITS } from '@/lib/conversation/text-limits';
import { emptyDb } from '../helpers/db';

/** A device of the test: its own database and sync dependencies against a relay. */
function device(relayUrl: () => string) {
  const db = emptyDb();
  const notified: StoredMessage[] = [];
  let offline = false;
  const deps: SyncDeps = {
    db,
    client: (identity: Identity) => new RelayClient(offline ? 'http://127.0.0.1:9' : identity.relayUrl, identity.token),
    now: Date.now,
    onNewFromPeer: (_pair: Pair, messages: StoredMessage[]) => void notified.push(...messages),
  };
  return {
    db,
    deps,
    notified,
    setOffline: (value: boolean) => (offline = value),
    request: (displayName: string) => ({ relayUrl: relayUrl(), displayName }),
  };
}

async function onlyPair(db: BinomeDb): Promise<Pair> {
  const pairs = await db.pairs.toArray();
  expect(pairs).toHaveLength(1);
  return pairs[0]!;
}

describe('sync engine against a real relay', () => {
  let relay: RunningRelay;
  beforeAll(async () => {
    relay = await startRelay({ port: 0, log: () => {} });
  });
  afterAll(() => relay.close());

  async function pairedDevices() {
    const asker = device(() => relay.url);
    const helper = device(() => relay.url);
    const invite = await createInvite(asker.deps, { ...asker.request('Anne'), role: 'learner' });
    const joined = await acceptInvite(helper.deps, { ...helper.request('Hugo'), code: invite.code.toLowerCase() });
    expect(joined).toMatchObject({ peerName: 'Anne', myRole: 'helper' });
    await syncAll(asker.deps);
    expect(await onlyPair(asker.db)).toMatchObject({ peerName: 'Hugo', myRole: 'learner' });
    return { asker, helper };
  }

  it('carries a question and its answer between two logs', async () => {
    const { asker, helper } = await pairedDevices();
    const threadId = crypto.randomUUID();
    const context = {
      url: 'https://www.linkedin.com/feed/',
      title: 'Feed',
      tool: 'linkedin',
      toolName: 'LinkedIn',
      selection: '',
    };
    await composeMessage(
      asker.db,
      await onlyPair(asker.db),
      'question',
      { threadId, text: 'How do I post?', context },
      { id: threadId, now: Date.now() },
    );

    expect(await syncAll(asker.deps)).toMatchObject({ sent: 1, reachable: true, retryAt: null });
    expect(await asker.db.threads.get(threadId)).toMatchObject({ status: 'sent' });
    expect(await syncAll(helper.deps)).toMatchObject({ received: 1 });
    expect((await readNews(helper.db)).toAnswer).toBe(1);
    expect(helper.notified.map((message) => message.kind)).toEqual(['question']);
    expect(await helper.db.threads.get(threadId)).toMatchObject({ direction: 'incoming', context });

    await composeMessage(
      helper.db,
      await onlyPair(helper.db),
      'answer',
      { threadId, text: 'Click "Start a post".' },
      { id: crypto.randomUUID(), now: Date.now() },
    );
    await syncAll(helper.deps);
    await syncAll(asker.deps);
    expect((await readNews(helper.db)).toAnswer).toBe(0);
    expect(await asker.db.threads.get(threadId)).toMatchObject({ status: 'answered' });
    expect((await searchLog(asker.db, 'start post')).map((thread) => thread.id)).toEqual([threadId]);
    expect((await searchLog(helper.db, 'linkedin')).map((thread) => thread.id)).toEqual([threadId]);
  });

  it('keeps a question queued while the relay is unreachable and sends it exactly once after', async () => {
    const { asker, helper } = await pairedDevices();
    const threadId = crypto.randomUUID();
    await composeMessage(
      asker.db,
      await onlyPair(asker.db),
      'question',
      { threadId, text: 'Offline question', context: null },
      { id: threadId, now: Date.now() },
    );

    asker.setOffline(true);
    const failed = await syncAll(asker.deps);
    expect(failed.reachable).toBe(false);
    expect(failed.retryAt).toBeGreaterThan(Date.now());
    expect(await asker.db.outbox.get(threadId)).toMatchObject({ attempts: 1, rejected: null });
    expect(await asker.db.threads.get(threadId)).toMatchObject({ status: 'queued' });

    asker.setOffline(false);
    // The relay got the post but the acknowledgement was lost: the retry must not duplicate it.
    const identity = (await asker.db.identities.toArray())[0]!;
    const item = (await asker.db.outbox.get(threadId))!;
    await new RelayClient(identity.relayUrl, identity.token).postMessage(item.pairId, {
      id: item.id,
      kind: item.kind,
      createdAt: item.createdAt,
      payload: item.payload,
    });
    expect(await syncAll(asker.deps)).toMatchObject({ sent: 1, reachable: true, retryAt: null });
    await syncAll(helper.deps);
    await syncAll(helper.deps);
    expect(await helper.db.messages.count()).toBe(1);
    expect(await helper.db.threads.count()).toBe(1);
    expect(helper.notified).toHaveLength(1);
  });

  it('delivers a question about a 50,000-character selection, the selection cut to the limit and marked so', async () => {
    const { asker, helper } = await pairedDevices();
    const pair = await onlyPair(asker.db);
    const selection = 'Chiffre d’affaires par région. '.repeat(1700).slice(0, 50_000);
    expect(selection).toHaveLength(50_000);
    const context = {
      url: 'https://excel.officeapps.live.com/x/b.xlsx',
      title: 'Budget',
      tool: 'excel',
      toolName: 'Excel Online',
      selection,
    };
    const threadId = await queueQuestion(asker.db, { pairId: pair.pairId, text: 'What does this column add up?', context });

    expect(await syncAll(asker.deps)).toMatchObject({ sent: 1, reachable: true });
    expect(await syncAll(helper.deps)).toMatchObject({ received: 1 });
    const arrived = await helper.db.threads.get(threadId);
    expect(arrived).toMatchObject({ direction: 'incoming', question: 'What does this column add up?' });
    expect(arrived!.context).toEqual({ ...context, selection: selection.slice(0, TEXT_LIMITS.text), trimmed: ['selection'] });
    // The asker's log says the same as the helper's.
    expect((await asker.db.threads.get(threadId))!.context).toEqual(arrived!.context);
  });

  it('refuses a typed question over the limit before anything is queued, and sends nothing', async () => {
    const { asker, helper } = await pairedDevices();
    const pair = await onlyPair(asker.db);
    const text = 'x'.repeat(TEXT_LIMITS.text + 1);
    await expect(queueQuestion(asker.db, { pairId: pair.pairId, text, context: null })).rejects.toBeInstanceOf(TextTooLongError);
    expect(await asker.db.outbox.count()).toBe(0);
    expect(await asker.db.threads.count()).toBe(0);
    expect(await syncAll(asker.deps)).toMatchObject({ sent: 0 });
    expect(await syncAll(helper.deps)).toMatchObject({ received: 0 });
  });

  it('carries a name changed in the settings to the buddy', async () => {
    const { asker, helper } = await pairedDevices();
    await syncDisplayName(asker.deps, 'Anne M.');
    expect((await asker.db.identities.toArray())[0]!.displayName).toBe('Anne M.');
    await syncAll(helper.deps);
    expect(await onlyPair(helper.db)).toMatchObject({ peerName: 'Anne M.' });
  });

  it('marks a message the relay refuses for good as rejected and keeps the others going', async () => {
    const { asker } = await pairedDevices();
    const pair = await onlyPair(asker.db);
    const ghostPair = { ...pair, pairId: crypto.randomUUID() };
    await asker.db.pairs.add(ghostPair);
    const lost = crypto.randomUUID();
    const fine = crypto.randomUUID();
    await composeMessage(
      asker.db,
      ghostPair,
      'question',
      { threadId: lost, text: 'To nobody', context: null },
      { id: lost, now: 1 },
    );
    await composeMessage(asker.db, pair, 'question', { threadId: fine, text: 'To Hugo', context: null }, { id: fine, now: 2 });
    // The relay does not know the ghost pair: refreshing pairs leaves it, flushing rejects it.
    const result = await syncAll(asker.deps);
    expect(result.sent).toBe(1);
    expect(await asker.db.outbox.get(lost)).toMatchObject({ rejected: 'not_found' });
    expect(await asker.db.outbox.get(fine)).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it('doubles from one second up to five minutes, with jitter below the base', () => {
    expect(backoffDelay(1, () => 1)).toBe(1000);
    expect(backoffDelay(3, () => 1)).toBe(4000);
    expect(backoffDelay(30, () => 1)).toBe(300_000);
    expect(backoffDelay(3, () => 0)).toBe(2000);
  });
});
