import { randomUUID } from 'node:crypto';
import type { MessageKind, PairRole } from '../../lib/protocol/protocol.ts';
import type { Sql, SqlQuery } from './sql.ts';

export interface Programme {
  id: string;
  name: string;
  startsAt: number;
  endsAt: number;
  maxSeniorsPerJunior: number;
  helpUrl: string | null;
  createdAt: number;
}

export interface ProgrammeSummary extends Programme {
  pairs: number;
  coordinators: number;
  plannedPairs: number;
}

/** A pair of a programme as the report needs it: no content, only times and the people's names. */
export interface ReportPair {
  pairId: string;
  createdAt: number;
  leftAt: number | null;
  /** The pair's own end, else the programme's. */
  endsAt: number;
  seniorName: string;
  juniorName: string;
}

/** One envelope's metadata: never its payload. */
export interface ReportMessage {
  pairId: string;
  seq: number;
  kind: MessageKind;
  receivedAt: number;
  senderRole: PairRole;
}

export interface ReportRating {
  pairId: string;
  rating: number;
  wouldRecommend: boolean;
}

export type SetRatingResult = 'saved' | 'not_found' | 'not_in_programme';

const toNumber = (value: unknown): number => Number(value);
const toNumberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

type ProgrammeRow = {
  id: string;
  name: string;
  starts_at: unknown;
  ends_at: unknown;
  max_seniors_per_junior: unknown;
  help_url: string | null;
  created_at: unknown;
};
const PROGRAMME_COLUMNS = 'id, name, starts_at, ends_at, max_seniors_per_junior, help_url, created_at';
export const toProgramme = (row: ProgrammeRow): Programme => ({
  id: row.id,
  name: row.name,
  startsAt: toNumber(row.starts_at),
  endsAt: toNumber(row.ends_at),
  maxSeniorsPerJunior: toNumber(row.max_seniors_per_junior),
  helpUrl: row.help_url,
  createdAt: toNumber(row.created_at),
});

/**
 * The programme's data on the relay: programmes and their coordinators, sign-in links and
 * sessions, wrap-up ratings, and the metadata the coordinator's report is computed from. No
 * method here reads a message's payload.
 */
export class ProgrammeStore {
  constructor(readonly sql: Sql) {}

  /** The programme and its first coordinator, together. */
  createProgramme(
    input: Omit<Programme, 'id' | 'createdAt'> & { coordinatorSecretHash: string; now: number },
  ): Promise<Programme> {
    return this.sql.transaction(async (tx) => {
      const rows = await tx.query<ProgrammeRow>(
        `INSERT INTO programmes (id, name, starts_at, ends_at, max_seniors_per_junior, help_url, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${PROGRAMME_COLUMNS}`,
        [randomUUID(), input.name, input.startsAt, input.endsAt, input.maxSeniorsPerJunior, input.helpUrl, input.now],
      );
      const programme = toProgramme(rows[0]!);
      await insertCoordinator(tx, programme.id, input.coordinatorSecretHash, input.now);
      return programme;
    });
  }

  async listProgrammes(): Promise<ProgrammeSummary[]> {
    const rows = await this.sql.query<ProgrammeRow & { pairs: unknown; coordinators: unknown; planned: unknown }>(
      `SELECT ${PROGRAMME_COLUMNS},
         (SELECT count(*) FROM pairs p WHERE p.programme_id = g.id) AS pairs,
         (SELECT count(*) FROM coordinators c WHERE c.programme_id = g.id) AS coordinators,
         (SELECT count(*) FROM programme_slots s WHERE s.programme_id = g.id) AS planned
       FROM programmes g ORDER BY starts_at, created_at, id`,
    );
    return rows.map((row) => ({
      ...toProgramme(row),
      pairs: toNumber(row.pairs),
      coordinators: toNumber(row.coordinators),
      plannedPairs: toNumber(row.planned),
    }));
  }

  async getProgramme(id: string): Promise<Programme | null> {
    const rows = await this.sql.query<ProgrammeRow>(`SELECT ${PROGRAMME_COLUMNS} FROM programmes WHERE id = $1`, [id]);
    return rows[0] ? toProgramme(rows[0]) : null;
  }

  /** False when there is no such programme. */
  async addCoordinator(programmeId: string, secretHash: string, now: number): Promise<boolean> {
    if (!(await this.getProgramme(programmeId))) return false;
    await insertCoordinator(this.sql, programmeId, secretHash, now);
    return true;
  }

  async programmeOfCoordinator(secretHash: string): Promise<string | null> {
    const rows = await this.sql.query<{ programme_id: string }>('SELECT programme_id FROM coordinators WHERE secret_hash = $1', [
      secretHash,
    ]);
    return rows[0]?.programme_id ?? null;
  }

  async createSignInLink(input: { programmeId: string; tokenHash: string; now: number; expiresAt: number }): Promise<boolean> {
    if (!(await this.getProgramme(input.programmeId))) return false;
    await this.sql.query(
      'INSERT INTO coordinator_links (token_hash, programme_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
      [input.tokenHash, input.programmeId, input.now, input.expiresAt],
    );
    return true;
  }

  /** Spends a sign-in link: the conditional UPDATE lets only one of two concurrent uses through. */
  async spendSignInLink(tokenHash: string, now: number): Promise<string | null> {
    const rows = await this.sql.query<{ programme_id: string }>(
      `UPDATE coordinator_links SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
       RETURNING programme_id`,
      [tokenHash, now],
    );
    return rows[0]?.programme_id ?? null;
  }

  async createSession(input: { tokenHash: string; programmeId: string; now: number; expiresAt: number }): Promise<void> {
    await this.sql.query(
      'INSERT INTO coordinator_sessions (token_hash, programme_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
      [input.tokenHash, input.programmeId, input.now, input.expiresAt],
    );
  }

  async programmeOfSession(tokenHash: string, now: number): Promise<string | null> {
    const rows = await this.sql.query<{ programme_id: string }>(
      'SELECT programme_id FROM coordinator_sessions WHERE token_hash = $1 AND expires_at > $2',
      [tokenHash, now],
    );
    return rows[0]?.programme_id ?? null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.sql.query('DELETE FROM coordinator_sessions WHERE token_hash = $1', [tokenHash]);
  }

  // ---- What a device may know of its pair's programme ----

  /** Null when the pair does not exist or the device is not in it. */
  async programmeOfPair(
    pairId: string,
    deviceId: string,
  ): Promise<{ programme: Programme | null; endsAt: number | null } | null> {
    const rows = await this.sql.query<{ pair_ends_at: unknown; programme_id: string | null } & ProgrammeRow>(
      `SELECT p.ends_at AS pair_ends_at, p.programme_id, g.id, g.name, g.starts_at, g.ends_at, g.max_seniors_per_junior,
              g.help_url, g.created_at
       FROM pairs p JOIN pair_members m ON m.pair_id = p.id LEFT JOIN programmes g ON g.id = p.programme_id
       WHERE p.id = $1 AND m.device_id = $2`,
      [pairId, deviceId],
    );
    const row = rows[0];
    if (!row) return null;
    if (row.programme_id === null) return { programme: null, endsAt: null };
    const programme = toProgramme(row);
    return { programme, endsAt: toNumberOrNull(row.pair_ends_at) ?? programme.endsAt };
  }

  async setRating(input: {
    pairId: string;
    deviceId: string;
    rating: number;
    wouldRecommend: boolean;
    now: number;
  }): Promise<SetRatingResult> {
    const found = await this.programmeOfPair(input.pairId, input.deviceId);
    if (!found) return 'not_found';
    if (!found.programme) return 'not_in_programme';
    await this.sql.query(
      `INSERT INTO wrap_up_ratings (pair_id, device_id, rating, would_recommend, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (pair_id, device_id) DO UPDATE SET
         rating = EXCLUDED.rating, would_recommend = EXCLUDED.would_recommend, updated_at = EXCLUDED.updated_at`,
      [input.pairId, input.deviceId, input.rating, input.wouldRecommend, input.now],
    );
    return 'saved';
  }

  /** Withdraws what the device shared; 'not_found' as for setRating. */
  async deleteRating(pairId: string, deviceId: string): Promise<'deleted' | 'not_found'> {
    const found = await this.programmeOfPair(pairId, deviceId);
    if (!found) return 'not_found';
    await this.sql.query('DELETE FROM wrap_up_ratings WHERE pair_id = $1 AND device_id = $2', [pairId, deviceId]);
    return 'deleted';
  }

  // ---- What the coordinator's report is computed from ----

  /** Pairs whose keys were confirmed (a failed or unfinished pairing is not a pair yet). */
  async reportPairs(programmeId: string): Promise<ReportPair[]> {
    const rows = await this.sql.query<{
      pair_id: string;
      created_at: unknown;
      left_at: unknown;
      ends_at: unknown;
      senior_name: string | null;
      junior_name: string | null;
    }>(
      `SELECT p.id AS pair_id, p.created_at, p.left_at, COALESCE(p.ends_at, g.ends_at) AS ends_at,
         COALESCE(s.senior_name, (SELECT d.display_name FROM pair_members m JOIN devices d ON d.id = m.device_id
                                  WHERE m.pair_id = p.id AND m.role = 'learner' LIMIT 1)) AS senior_name,
         COALESCE(s.junior_name, (SELECT d.display_name FROM pair_members m JOIN devices d ON d.id = m.device_id
                                  WHERE m.pair_id = p.id AND m.role = 'helper' LIMIT 1)) AS junior_name
       FROM pairs p JOIN programmes g ON g.id = p.programme_id
       LEFT JOIN programme_slots s ON s.pair_id = p.id
       WHERE p.programme_id = $1
         AND (p.nameplate IS NULL OR (p.inviter_confirm IS NOT NULL AND p.pairing_failed_at IS NULL))
       ORDER BY p.created_at, p.id`,
      [programmeId],
    );
    return rows.map((row) => ({
      pairId: row.pair_id,
      createdAt: toNumber(row.created_at),
      leftAt: toNumberOrNull(row.left_at),
      endsAt: toNumber(row.ends_at),
      seniorName: row.senior_name ?? '',
      juniorName: row.junior_name ?? '',
    }));
  }

  /** Envelope metadata of the programme's pairs, in each pair's order. The payload column is never selected. */
  async reportMessages(programmeId: string): Promise<ReportMessage[]> {
    const rows = await this.sql.query<{ pair_id: string; seq: unknown; kind: MessageKind; received_at: unknown; role: PairRole }>(
      `SELECT m.pair_id, m.seq, m.kind, m.received_at, pm.role
       FROM messages m JOIN pairs p ON p.id = m.pair_id
       JOIN pair_members pm ON pm.pair_id = m.pair_id AND pm.device_id = m.sender_device_id
       WHERE p.programme_id = $1 ORDER BY m.pair_id, m.seq`,
      [programmeId],
    );
    return rows.map((row) => ({
      pairId: row.pair_id,
      seq: toNumber(row.seq),
      kind: row.kind,
      receivedAt: toNumber(row.received_at),
      senderRole: row.role,
    }));
  }

  async reportRatings(programmeId: string): Promise<ReportRating[]> {
    const rows = await this.sql.query<{ pair_id: string; rating: unknown; would_recommend: boolean }>(
      `SELECT r.pair_id, r.rating, r.would_recommend FROM wrap_up_ratings r JOIN pairs p ON p.id = r.pair_id
       WHERE p.programme_id = $1`,
      [programmeId],
    );
    return rows.map((row) => ({ pairId: row.pair_id, rating: toNumber(row.rating), wouldRecommend: row.would_recommend }));
  }
}

async function insertCoordinator(sql: SqlQuery, programmeId: string, secretHash: string, now: number) {
  await sql.query('INSERT INTO coordinators (id, programme_id, secret_hash, created_at) VALUES ($1, $2, $3, $4)', [
    randomUUID(),
    programmeId,
    secretHash,
    now,
  ]);
}
