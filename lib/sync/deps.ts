/** What sync and pairing need from outside: the database, a relay client, the clock, a way to notify. */
import type { BinomeDb, Identity, Pair } from '../db/db';
import type { StoredMessage } from '../conversation/threads';
import type { RelayClient } from './relay-client';

export interface SyncDeps {
  db: BinomeDb;
  client(identity: Identity): RelayClient;
  now(): number;
  /** For the relay's public documents (lib/sync/relay-compatibility.ts); the global fetch by default. */
  fetch?: typeof fetch;
  /** Called once per pair and round with the buddy's messages seen for the first time. */
  onNewFromPeer?(pair: Pair, messages: StoredMessage[]): void | Promise<void>;
}
