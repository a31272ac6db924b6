/**
 * A relay in memory, spoken to through the real RelayClient (its `fetch` is this double),
 * with the powers a hostile or damaged relay has: hide a message, swap two seqs, go back to
 * an older backup, give a message a huge seq, hand out a garbage key, revoke a device.
 * It follows the real relay's contract (lib/protocol/protocol.ts, relay/routes/pairs.ts) otherwise.
 */
import type { BinomeDb } from '@/lib/db/db';
import { deviceKeys, recordPair } from '@/lib/trust/keys';
import { RelayClient } from '@/lib/sync/relay-client';
import type { SyncDeps } from '@/lib/sync/deps';
import type { StoredMessage } from '@/lib/conversation/threads';
import type { Envelope, ErrorCode, PairRole, PostMessageRequest } from '@/lib/protocol/protocol';
import { emptyDb } from './db';

export const DOUBLE_URL = 'http://relay.double';

interface DoubleBrowser {
  id: string;
  db: BinomeDb;
}

interface DeviceRow {
  id: string;
  token: string;
  displayName: string;
  publicKey: string | null;
  revokedAt: number | null;
}

interface PairRow {
  id: string;
  members: { deviceId: string; role: PairRole }[];
  createdAt: number;
  /** The per-pair counter the relay hands seqs from (pairs.last_seq). */
  lastSeq: number;
  leftAt: number | null;
  leftBy: string | null;
  messages: Envelope[];
}

const json = (status: number, body: unknown) =>
  new Response(body === null ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const error = (status: number, code: ErrorCode, message: string) => json(status, { error: { code, message } });

export class RelayDouble {
  readonly devices = new Map<string, DeviceRow>();
  readonly pairs = new Map<string, PairRow>();
  /** Message ids the relay leaves out of every pull. */
  readonly hidden = new Set<string>();
  now = 1_000;

  readonly fetch: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const token = new Headers(init?.headers).get('authorization')?.replace(/^Bearer /, '');
    const device = [...this.devices.values()].find((row) => row.token === token && row.revokedAt === null);
    if (!device) return error(401, 'unauthorized', 'Unknown token.');
    const method = init?.method ?? 'GET';
    const path = url.pathname.split('/').filter(Boolean);
    if (method === 'GET' && path.join('/') === 'pairs') return json(200, { pairs: this.pairsOf(device.id) });
    const pair = path[0] === 'pairs' && path[1] ? this.pairs.get(path[1]) : undefined;
    if (!pair?.members.some((member) => member.deviceId === device.id)) return error(404, 'not_found', 'No such pair.');
    if (method === 'DELETE' && path.length === 2) {
      if (pair.leftAt === null) Object.assign(pair, { leftAt: this.now, leftBy: device.id });
      return json(204, null);
    }
    if (path[2] !== 'messages') return error(404, 'not_found', 'No such route.');
    if (method === 'POST') return this.post(pair, device, JSON.parse(String(init?.body)) as PostMessageRequest);
    const after = Number(url.searchParams.get('after') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 100);
    const messages = pair.messages
      .filter((message) => message.seq > after && !this.hidden.has(message.id))
      .sort((a, b) => a.seq - b.seq)
      .slice(0, limit);
    // As the real relay: the counter, or the last seq of the page when a row holds a higher one.
    return json(200, { messages, lastSeq: Math.max(pair.lastSeq, messages.at(-1)?.seq ?? 0) });
  };

  private post(pair: PairRow, device: DeviceRow, message: PostMessageRequest): Response {
    const previous = pair.messages.find((envelope) => envelope.id === message.id);
    if (previous) return json(200, { seq: previous.seq, duplicate: true });
    if (pair.leftAt !== null) return error(410, 'pair_ended', 'This pair has ended: nothing more can be sent in it.');
    if (this.peerOf(pair, device.id).revokedAt !== null) {
      return error(410, 'peer_revoked', 'Your buddy’s device was removed from Binôme: ask your buddy to pair again.');
    }
    const seq = ++pair.lastSeq;
    pair.messages.push({ ...message, pairId: pair.id, senderDeviceId: device.id, seq, receivedAt: this.now });
    return json(201, { seq, duplicate: false });
  }

  private peerOf(pair: PairRow, deviceId: string): DeviceRow {
    return this.devices.get(pair.members.find((member) => member.deviceId !== deviceId)!.deviceId)!;
  }

  private pairsOf(deviceId: string) {
    return [...this.pairs.values()]
      .filter((pair) => pair.members.some((member) => member.deviceId === deviceId))
      .map((pair) => {
        const peer = this.peerOf(pair, deviceId);
        return {
          pairId: pair.id,
          myRole: pair.members.find((member) => member.deviceId === deviceId)!.role,
          peer: { deviceId: peer.id, displayName: peer.displayName, publicKey: peer.publicKey, revokedAt: peer.revokedAt },
          createdAt: pair.createdAt,
          lastSeq: pair.lastSeq,
          leftAt: pair.leftAt,
          leftBy: pair.leftBy,
        };
      });
  }

  /** A browser registered on this relay, with its own database and real keys. */
  async device(displayName: string) {
    const db = emptyDb();
    const id = crypto.randomUUID();
    const token = `token-${id}`;
    const { publicKey } = await deviceKeys(db);
    this.devices.set(id, { id, token, displayName, publicKey, revokedAt: null });
    await db.identities.put({ relayUrl: DOUBLE_URL, deviceId: id, token, displayName, registeredAt: 1 });
    const notified: StoredMessage[][] = [];
    const deps: SyncDeps = {
      db,
      client: (identity) => new RelayClient(identity.relayUrl, identity.token, this.fetch),
      now: () => this.now,
      onNewFromPeer: (_pair, messages) => void notified.push(messages),
    };
    return { id, db, deps, notified };
  }

  /**
   * A pair as a completed pairing leaves it: on the relay, and recorded by both browsers (which
   * record only pairs whose SPAKE2 confirmations matched; lib/sync/pairing.ts). The asker is the learner.
   */
  async pair(learner: DoubleBrowser, helper: DoubleBrowser): Promise<string> {
    const id = crypto.randomUUID();
    this.pairs.set(id, {
      id,
      members: [
        { deviceId: learner.id, role: 'learner' },
        { deviceId: helper.id, role: 'helper' },
      ],
      createdAt: this.now,
      lastSeq: 0,
      leftAt: null,
      leftBy: null,
      messages: [],
    });
    for (const side of [learner, helper]) {
      await recordPair(side.db, this.pairsOf(side.id).find((pair) => pair.pairId === id)!, DOUBLE_URL);
    }
    return id;
  }

  messagesOf(pairId: string): Envelope[] {
    return this.pairs.get(pairId)!.messages;
  }

  /** Two messages swap their seqs: the relay delivers them in the other order. */
  swap(pairId: string, firstId: string, secondId: string): void {
    const messages = this.messagesOf(pairId);
    const first = messages.find((message) => message.id === firstId)!;
    const second = messages.find((message) => message.id === secondId)!;
    [first.seq, second.seq] = [second.seq, first.seq];
  }

  /** The relay's database restored from a backup taken when the pair's last seq was `seq`. */
  restoreBackup(pairId: string, seq: number): void {
    const pair = this.pairs.get(pairId)!;
    pair.messages = pair.messages.filter((message) => message.seq <= seq);
    pair.lastSeq = seq;
  }
}
