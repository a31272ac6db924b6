/** What an operator lists and removes (relay/routes/admin.ts): ids, names, dates and counts, never a payload. */
import type { Sql } from './sql.ts';

const toNumber = (value: unknown) => Number(value);
const toNumberOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value));

export interface DeviceSummary {
  deviceId: string;
  displayName: string;
  createdAt: number;
  revokedAt: number | null;
  pairs: number;
}

export interface PairSummary {
  pairId: string;
  createdAt: number;
  memberDeviceIds: string[];
  programmeId: string | null;
  lastSeq: number;
  storedMessages: number;
  storedBytes: number;
  leftAt: number | null;
}

export class AdminStore {
  constructor(private readonly sql: Sql) {}

  async listDevices(): Promise<DeviceSummary[]> {
    const rows = await this.sql.query<{
      id: string;
      display_name: string;
      created_at: unknown;
      revoked_at: unknown;
      pairs: unknown;
    }>(
      `SELECT d.id, d.display_name, d.created_at, d.revoked_at,
              (SELECT count(*) FROM pair_members m WHERE m.device_id = d.id) AS pairs
       FROM devices d ORDER BY d.created_at, d.id`,
    );
    return rows.map((row) => ({
      deviceId: row.id,
      displayName: row.display_name,
      createdAt: toNumber(row.created_at),
      revokedAt: toNumberOrNull(row.revoked_at),
      pairs: toNumber(row.pairs),
    }));
  }

  async listPairs(): Promise<PairSummary[]> {
    const rows = await this.sql.query<{
      id: string;
      created_at: unknown;
      members: string[] | string;
      programme_id: string | null;
      last_seq: unknown;
      stored: unknown;
      stored_bytes: unknown;
      left_at: unknown;
    }>(
      `SELECT p.id, p.created_at, p.programme_id, p.last_seq, p.stored_bytes, p.left_at,
              (SELECT string_agg(m.device_id::text, ',' ORDER BY m.role) FROM pair_members m WHERE m.pair_id = p.id) AS members,
              (SELECT count(*) FROM messages g WHERE g.pair_id = p.id) AS stored
       FROM pairs p ORDER BY p.created_at, p.id`,
    );
    return rows.map((row) => ({
      pairId: row.id,
      createdAt: toNumber(row.created_at),
      memberDeviceIds: String(row.members ?? '')
        .split(',')
        .filter(Boolean),
      programmeId: row.programme_id,
      lastSeq: toNumber(row.last_seq),
      storedMessages: toNumber(row.stored),
      storedBytes: toNumber(row.stored_bytes),
      leftAt: toNumberOrNull(row.left_at),
    }));
  }

  /**
   * Removes a pair with everything the relay holds for it: envelopes, ratings, its membership,
   * and the programme's planned pair that made it. Each member's own log keeps its copy.
   * Null for an unknown pair; else the members, to be told their pairs changed.
   */
  deletePair(pairId: string): Promise<{ memberDeviceIds: string[]; deletedMessages: number } | null> {
    return this.sql.transaction(async (tx) => {
      const pair = await tx.query('SELECT id FROM pairs WHERE id = $1 FOR UPDATE', [pairId]);
      if (!pair.length) return null;
      const members = await tx.query<{ device_id: string }>('SELECT device_id FROM pair_members WHERE pair_id = $1', [pairId]);
      const messages = await tx.query('DELETE FROM messages WHERE pair_id = $1 RETURNING seq', [pairId]);
      await tx.query('DELETE FROM wrap_up_ratings WHERE pair_id = $1', [pairId]);
      await tx.query('DELETE FROM programme_slots WHERE pair_id = $1', [pairId]);
      await tx.query('DELETE FROM pair_members WHERE pair_id = $1', [pairId]);
      await tx.query('DELETE FROM pairs WHERE id = $1', [pairId]);
      return { memberDeviceIds: members.map((m) => m.device_id), deletedMessages: messages.length };
    });
  }
}
