import { randomUUID } from 'node:crypto';
import { otherRole, type Envelope, type MessageKind, type PairInfo, type PairRole } from '../../lib/protocol/protocol.ts';
import {
  type Announce,
  appendMessages,
  type NewMessage,
  type PendingAppend,
  type PostLimits,
  type PostMessageResult,
} from './append-batch.ts';
import { isUniqueViolation, type Sql, type SqlQuery } from './sql.ts';

export { payloadBytes, type NewMessage, type PostLimits, type PostMessageResult } from './append-batch.ts';

export interface Device {
  id: string;
  displayName: string;
  publicKey: string | null;
}

export type InviteRefusal = 'invalid' | 'expired' | 'used' | 'own';

export type LookupInviteResult =
  | { ok: true; inviter: Device; inviterRole: PairRole; share: string; expiresAt: number }
  | { ok: false; reason: InviteRefusal };

export type AcceptInviteResult =
  | { ok: true; pair: PairInfo; inviterDeviceId: string }
  | { ok: false; reason: InviteRefusal | 'changed' | 'pair_exists' };

export type ConfirmPairingResult = { ok: true; memberIds: string[] } | { ok: false; reason: 'not_found' | 'conflict' };

export type CreateInviteResult = { status: 'created' | 'taken' } | { status: 'too_many'; retryAt: number };

/** 'not_found' also when the device is not a member: the caller cannot tell which. */
export type LeavePairResult = { status: 'left' | 'already_left'; memberDeviceIds: string[] } | { status: 'not_found' };

export type RevokeDeviceResult = {
  deviceId: string;
  displayName: string;
  revokedAt: number;
  /** False when it had been revoked before: nothing changed. */
  changed: boolean;
};

/** pg returns bigint columns as strings and PGlite as numbers; the wire wants numbers. */
const toNumber = (value: unknown): number => Number(value);

type DeviceRow = { id: string; display_name: string; public_key: string | null };
const toDevice = (row: DeviceRow): Device => ({
  id: row.id,
  displayName: row.display_name,
  publicKey: row.public_key,
});

type PairRow = {
  pair_id: string;
  my_role: PairRole;
  peer_id: string;
  peer_name: string;
  peer_public_key: string | null;
  peer_revoked_at: unknown;
  created_at: unknown;
  last_seq: unknown;
  nameplate: string | null;
  inviter_share: string | null;
  accepter_share: string | null;
  accepter_confirm: string | null;
  inviter_confirm: string | null;
  pairing_failed_at: unknown;
  left_at: unknown;
  left_by: string | null;
};
const toNumberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : toNumber(value));
const toPair = (row: PairRow): PairInfo => ({
  pairId: row.pair_id,
  myRole: row.my_role,
  peer: {
    deviceId: row.peer_id,
    displayName: row.peer_name,
    publicKey: row.peer_public_key,
    revokedAt: toNumberOrNull(row.peer_revoked_at),
  },
  createdAt: toNumber(row.created_at),
  lastSeq: toNumber(row.last_seq),
  pairing:
    row.nameplate === null
      ? null
      : {
          nameplate: row.nameplate,
          inviterShare: row.inviter_share ?? '',
          accepterShare: row.accepter_share ?? '',
          accepterConfirm: row.accepter_confirm ?? '',
          inviterConfirm: row.inviter_confirm,
          failedAt: row.pairing_failed_at === null ? null : toNumber(row.pairing_failed_at),
        },
  leftAt: toNumberOrNull(row.left_at),
  leftBy: row.left_by,
});

/** Pairs seen from one member ($1): my role, and the other member's current name and key. */
const PAIRS_OF_DEVICE = `
  SELECT p.id AS pair_id, me.role AS my_role, peer.device_id AS peer_id,
         d.display_name AS peer_name, d.public_key AS peer_public_key, d.revoked_at AS peer_revoked_at,
         p.created_at, p.last_seq, p.left_at, p.left_by_device_id AS left_by,
         p.nameplate, p.inviter_share, p.accepter_share, p.accepter_confirm, p.inviter_confirm, p.pairing_failed_at
  FROM pair_members me
  JOIN pairs p ON p.id = me.pair_id
  JOIN pair_members peer ON peer.pair_id = me.pair_id AND peer.device_id <> me.device_id
  JOIN devices d ON d.id = peer.device_id
  WHERE me.device_id = $1`;

/** The relay's data operations. Every method is one SQL round trip or one transaction. */
export class RelayStore {
  constructor(readonly sql: Sql) {}

  async ping(): Promise<void> {
    await this.sql.query('SELECT 1');
  }

  // ---- Devices ----

  async createDevice(input: { tokenHash: string; displayName: string; publicKey?: string; now: number }): Promise<Device> {
    const rows = await this.sql.query<DeviceRow>(
      `INSERT INTO devices (id, token_hash, display_name, public_key, created_at)
       VALUES ($1, $2, $3, $4, $5) RETURNING id, display_name, public_key`,
      [randomUUID(), input.tokenHash, input.displayName, input.publicKey ?? null, input.now],
    );
    return toDevice(rows[0]!);
  }

  /** Revoked devices are not found: their token stops working at once. */
  async findActiveDeviceByTokenHash(tokenHash: string): Promise<Device | null> {
    const rows = await this.sql.query<DeviceRow>(
      'SELECT id, display_name, public_key FROM devices WHERE token_hash = $1 AND revoked_at IS NULL',
      [tokenHash],
    );
    return rows[0] ? toDevice(rows[0]) : null;
  }

  /** Revoked devices too, with when: the auth middleware answers their retries from memory. */
  async findDeviceByTokenHash(tokenHash: string): Promise<{ device: Device; revokedAt: number | null } | null> {
    const rows = await this.sql.query<DeviceRow & { revoked_at: unknown }>(
      'SELECT id, display_name, public_key, revoked_at FROM devices WHERE token_hash = $1',
      [tokenHash],
    );
    return rows[0] ? { device: toDevice(rows[0]), revokedAt: toNumberOrNull(rows[0].revoked_at) } : null;
  }

  /**
   * A public key is set once: `publicKey` fills an empty key, repeats the current one, or is
   * refused ('key_locked') with nothing changed, not even the name. A changed key can then only
   * come from whoever can write to the database, and the extension warns about it.
   * 'revoked' when the device was revoked since its token was checked.
   */
  async updateDevice(
    deviceId: string,
    changes: { displayName?: string; publicKey?: string },
  ): Promise<Device | 'key_locked' | 'revoked'> {
    const rows = await this.sql.query<DeviceRow>(
      `UPDATE devices SET display_name = COALESCE($2, display_name), public_key = COALESCE(public_key, $3)
       WHERE id = $1 AND revoked_at IS NULL AND ($3::text IS NULL OR public_key IS NULL OR public_key = $3)
       RETURNING id, display_name, public_key`,
      [deviceId, changes.displayName ?? null, changes.publicKey ?? null],
    );
    if (rows[0]) return toDevice(rows[0]);
    const current = await this.sql.query<{ revoked_at: unknown }>('SELECT revoked_at FROM devices WHERE id = $1', [deviceId]);
    return current[0] && current[0].revoked_at === null ? 'key_locked' : 'revoked';
  }

  /** Idempotent: a device revoked before keeps its first revokedAt. Null for an unknown device. */
  async revokeDevice(deviceId: string, now: number): Promise<RevokeDeviceResult | null> {
    type Revoked = { id: string; display_name: string; revoked_at: unknown };
    const revoked = await this.sql.query<Revoked>(
      'UPDATE devices SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id, display_name, revoked_at',
      [deviceId, now],
    );
    const row =
      revoked[0] ??
      (await this.sql.query<Revoked>('SELECT id, display_name, revoked_at FROM devices WHERE id = $1', [deviceId]))[0];
    if (!row) return null;
    return {
      deviceId: row.id,
      displayName: row.display_name,
      revokedAt: toNumber(row.revoked_at),
      changed: revoked.length === 1,
    };
  }

  /** Everyone this device is paired with: they are told when its name or key changes. */
  async peerDeviceIds(deviceId: string): Promise<string[]> {
    const rows = await this.sql.query<{ device_id: string }>(
      `SELECT DISTINCT peer.device_id FROM pair_members me
       JOIN pair_members peer ON peer.pair_id = me.pair_id AND peer.device_id <> me.device_id
       WHERE me.device_id = $1`,
      [deviceId],
    );
    return rows.map((r) => r.device_id);
  }

  // ---- Invites and pairs ----

  /**
   * 'taken' when the nameplate names an open invite (draw another); a used or expired one is
   * replaced. 'too_many' when the inviter already has `maxOpen` open invites, with the time the
   * first of them expires.
   */
  createInvite(input: {
    nameplate: string;
    inviterDeviceId: string;
    role: PairRole;
    share: string;
    now: number;
    expiresAt: number;
    maxOpen?: number;
    /** The programme the pair will belong to, checked by the caller. */
    programmeId?: string | null;
  }): Promise<CreateInviteResult> {
    return this.sql.transaction(async (tx) => {
      if (input.maxOpen !== undefined && Number.isFinite(input.maxOpen)) {
        // Locks the inviter's row, so one device's concurrent creations are counted one after
        // the other. NO KEY UPDATE does not block inserts that reference the device.
        await tx.query('SELECT id FROM devices WHERE id = $1 FOR NO KEY UPDATE', [input.inviterDeviceId]);
        const open = await tx.query<{ n: unknown; first_expiry: unknown }>(
          `SELECT count(*) AS n, min(expires_at) AS first_expiry FROM invites
           WHERE inviter_device_id = $1 AND used_at IS NULL AND expires_at > $2`,
          [input.inviterDeviceId, input.now],
        );
        if (toNumber(open[0]!.n) >= input.maxOpen) return { status: 'too_many', retryAt: toNumber(open[0]!.first_expiry) };
      }
      const rows = await tx.query(
        `INSERT INTO invites (nameplate, inviter_device_id, inviter_role, inviter_share, created_at, expires_at, programme_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (nameplate) DO UPDATE SET
           inviter_device_id = EXCLUDED.inviter_device_id, inviter_role = EXCLUDED.inviter_role,
           inviter_share = EXCLUDED.inviter_share, created_at = EXCLUDED.created_at,
           expires_at = EXCLUDED.expires_at, used_at = NULL, used_by_device_id = NULL, programme_id = EXCLUDED.programme_id
         WHERE invites.used_at IS NOT NULL OR invites.expires_at <= EXCLUDED.created_at
         RETURNING nameplate`,
        [input.nameplate, input.inviterDeviceId, input.role, input.share, input.now, input.expiresAt, input.programmeId ?? null],
      );
      return { status: rows.length === 1 ? 'created' : 'taken' };
    });
  }

  /** What the accepter needs to answer: the inviter's share, id, name and key. */
  async lookupInvite(input: { nameplate: string; accepterDeviceId: string; now: number }): Promise<LookupInviteResult> {
    const rows = await this.sql.query<InviteRow & DeviceRow>(
      `SELECT i.inviter_device_id, i.inviter_role, i.inviter_share, i.expires_at, i.used_at, d.revoked_at,
              d.id, d.display_name, d.public_key
       FROM invites i JOIN devices d ON d.id = i.inviter_device_id WHERE i.nameplate = $1`,
      [input.nameplate],
    );
    const invite = rows[0];
    const refusal = whyInviteRefused(invite, input.accepterDeviceId, input.now);
    if (refusal || !invite) return { ok: false, reason: refusal ?? 'invalid' };
    return {
      ok: true,
      inviter: toDevice(invite),
      inviterRole: invite.inviter_role,
      share: invite.inviter_share,
      expiresAt: toNumber(invite.expires_at),
    };
  }

  /**
   * Claims the invite and creates the pair, still unconfirmed, in one transaction. The
   * conditional UPDATE is what makes an invite single-use: of two concurrent accepts, the second
   * waits for the first's row lock, re-checks `used_at IS NULL`, and updates nothing.
   */
  acceptInvite(input: {
    nameplate: string;
    accepterDeviceId: string;
    pairId: string;
    inviterShare: string;
    share: string;
    confirm: string;
    now: number;
  }): Promise<AcceptInviteResult> {
    const { nameplate, accepterDeviceId, pairId, now } = input;
    return this.sql
      .transaction(async (tx): Promise<AcceptInviteResult> => {
        const claimed = await tx.query<{
          inviter_device_id: string;
          inviter_role: PairRole;
          inviter_share: string;
          programme_id: string | null;
        }>(
          `UPDATE invites SET used_at = $3, used_by_device_id = $2
         WHERE nameplate = $1 AND used_at IS NULL AND expires_at > $3 AND inviter_device_id <> $2 AND inviter_share = $4
           AND EXISTS (SELECT 1 FROM devices d WHERE d.id = invites.inviter_device_id AND d.revoked_at IS NULL)
         RETURNING inviter_device_id, inviter_role, inviter_share, programme_id`,
          [nameplate, accepterDeviceId, now, input.inviterShare],
        );
        const invite = claimed[0];
        if (!invite) {
          const rows = await tx.query<InviteRow>(
            `SELECT i.inviter_device_id, i.inviter_role, i.inviter_share, i.expires_at, i.used_at, d.revoked_at
           FROM invites i JOIN devices d ON d.id = i.inviter_device_id WHERE i.nameplate = $1`,
            [nameplate],
          );
          return { ok: false, reason: whyInviteRefused(rows[0], accepterDeviceId, now) ?? 'changed' };
        }
        const pair = await insertPair(tx, {
          pairId,
          now,
          nameplate,
          programmeId: invite.programme_id,
          endsAt: null,
          inviter: { deviceId: invite.inviter_device_id, role: invite.inviter_role, share: invite.inviter_share },
          accepter: { deviceId: accepterDeviceId, share: input.share, confirm: input.confirm },
        });
        return { ok: true, pair, inviterDeviceId: invite.inviter_device_id };
      })
      .catch((error: unknown): AcceptInviteResult => {
        if (error instanceof PairExistsError || isUniqueViolation(error)) return { ok: false, reason: 'pair_exists' };
        throw error;
      });
  }

  /**
   * The inviter's confirmation (once, only by the inviter, only while nothing failed), or either
   * member saying the other's confirmation did not match. The relay cannot check either: it only
   * carries them, and a pair is usable once confirmed.
   */
  async confirmPairing(input: {
    pairId: string;
    deviceId: string;
    confirm?: string;
    now: number;
  }): Promise<ConfirmPairingResult> {
    const members = await this.sql.query<{ device_id: string; is_inviter: boolean }>(
      `SELECT m.device_id, p.inviter_device_id = m.device_id AS is_inviter
       FROM pairs p JOIN pair_members m ON m.pair_id = p.id WHERE p.id = $1 AND p.nameplate IS NOT NULL`,
      [input.pairId],
    );
    const me = members.find((member) => member.device_id === input.deviceId);
    if (!me) return { ok: false, reason: 'not_found' };
    const memberIds = members.map((member) => member.device_id);
    if (input.confirm === undefined) {
      await this.sql.query('UPDATE pairs SET pairing_failed_at = $2 WHERE id = $1 AND pairing_failed_at IS NULL', [
        input.pairId,
        input.now,
      ]);
      return { ok: true, memberIds };
    }
    if (!me.is_inviter) return { ok: false, reason: 'conflict' };
    // A repeat of the same confirmation (a retry after a lost answer) is fine; anything else is not.
    const updated = await this.sql.query(
      `UPDATE pairs SET inviter_confirm = $2
       WHERE id = $1 AND (inviter_confirm IS NULL OR inviter_confirm = $2) AND pairing_failed_at IS NULL RETURNING id`,
      [input.pairId, input.confirm],
    );
    return updated.length ? { ok: true, memberIds } : { ok: false, reason: 'conflict' };
  }

  async listPairs(deviceId: string): Promise<PairInfo[]> {
    const rows = await this.sql.query<PairRow>(`${PAIRS_OF_DEVICE} ORDER BY p.created_at, p.id`, [deviceId]);
    return rows.map(toPair);
  }

  /**
   * The first member to leave is recorded; leaving again, by either member, changes nothing.
   * Updating the pair's row takes the lock appends take, so no message lands after the leave.
   */
  leavePair(input: { pairId: string; deviceId: string; now: number }): Promise<LeavePairResult> {
    return this.sql.transaction(async (tx) => {
      const members = await tx.query<{ device_id: string }>('SELECT device_id FROM pair_members WHERE pair_id = $1', [
        input.pairId,
      ]);
      const memberDeviceIds = members.map((m) => m.device_id);
      if (!memberDeviceIds.includes(input.deviceId)) return { status: 'not_found' };
      const left = await tx.query(
        'UPDATE pairs SET left_at = $2, left_by_device_id = $3 WHERE id = $1 AND left_at IS NULL RETURNING id',
        [input.pairId, input.now, input.deviceId],
      );
      return { status: left.length === 1 ? 'left' : 'already_left', memberDeviceIds };
    });
  }

  async memberDeviceIds(pairId: string): Promise<string[]> {
    const rows = await this.sql.query<{ device_id: string }>('SELECT device_id FROM pair_members WHERE pair_id = $1', [pairId]);
    return rows.map((r) => r.device_id);
  }

  // ---- Mailbox ----

  /** Appends a message once: a batch of one (see postMessages). */
  async postMessage(message: NewMessage, limits: PostLimits = { maxStoredBytes: Infinity }): Promise<PostMessageResult> {
    return (await this.postMessages([{ message, limits }]))[0]!;
  }

  /**
   * Appends a batch of messages in one transaction, each answered as if alone (append-batch.ts).
   * A unique violation can only come from one of the ids being committed concurrently by another
   * batch; the retry then sees that row and answers `duplicate` or `conflict` for it.
   * `announce`: the NOTIFY of what was created, sent in the same transaction.
   */
  async postMessages(batch: PendingAppend[], announce?: Announce): Promise<PostMessageResult[]> {
    try {
      return await this.sql.transaction((tx) => appendMessages(tx, batch, announce));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return this.sql.transaction((tx) => appendMessages(tx, batch, announce));
    }
  }

  /**
   * Null when the pair does not exist or the device is not in it: the caller cannot tell which.
   * What a page hands over counts as pulled by this member (see recordPulled).
   */
  async pullMessages(input: {
    pairId: string;
    deviceId: string;
    after: number;
    limit: number;
    now: number;
  }): Promise<{ messages: Envelope[]; lastSeq: number } | null> {
    const pair = await this.sql.query<{ last_seq: unknown }>(
      `SELECT p.last_seq FROM pairs p JOIN pair_members m ON m.pair_id = p.id
       WHERE p.id = $1 AND m.device_id = $2`,
      [input.pairId, input.deviceId],
    );
    if (!pair[0]) return null;
    const rows = await this.sql.query<MessageRow>(
      `SELECT id, pair_id, sender_device_id, kind, created_at, payload, seq, received_at
       FROM messages WHERE pair_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [input.pairId, input.after, input.limit],
    );
    const messages = rows.map(toEnvelope);
    const lastPulled = messages.at(-1)?.seq;
    if (lastPulled !== undefined) await this.recordPulled(input.pairId, input.deviceId, lastPulled, input.now);
    // Messages committed between the two reads may be newer than the first last_seq.
    const lastSeq = Math.max(toNumber(pair[0].last_seq), lastPulled ?? 0);
    return { messages, lastSeq };
  }

  /**
   * This member was sent everything up to `seq`; messages both members were sent get the time
   * the second one was, which starts their retention clock (relay/retention.ts). Both members'
   * rows are locked, in a fixed order, so two members pulling at once cannot both miss the other.
   */
  private recordPulled(pairId: string, deviceId: string, seq: number, now: number): Promise<void> {
    return this.sql.transaction(async (tx) => {
      const members = await tx.query<{ device_id: string; pulled_through: unknown }>(
        'SELECT device_id, pulled_through FROM pair_members WHERE pair_id = $1 ORDER BY device_id FOR UPDATE',
        [pairId],
      );
      const mine = members.find((member) => member.device_id === deviceId);
      if (!mine || toNumber(mine.pulled_through) >= seq) return;
      await tx.query('UPDATE pair_members SET pulled_through = $3 WHERE pair_id = $1 AND device_id = $2', [
        pairId,
        deviceId,
        seq,
      ]);
      const others = members.filter((member) => member.device_id !== deviceId).map((member) => toNumber(member.pulled_through));
      // Only the seqs that just became pulled by both: (what both had before, what both have now].
      const before = Math.min(toNumber(mine.pulled_through), ...others);
      const after = Math.min(seq, ...others);
      if (after <= before) return;
      await tx.query('UPDATE messages SET pulled_by_both_at = $4 WHERE pair_id = $1 AND seq > $2 AND seq <= $3', [
        pairId,
        before,
        after,
        now,
      ]);
    });
  }

  /**
   * Deletes up to `batch` envelopes both members were sent before `pulledBefore`, or received
   * before `receivedBefore` whoever was sent them, and gives their bytes back to their pairs'
   * quota. The seqs and each pair's last_seq stay: a pull after them simply starts later.
   */
  async deleteExpiredMessages(input: { pulledBefore: number; receivedBefore: number; batch: number }): Promise<number> {
    const rows = await this.sql.query<{ n: unknown }>(
      `WITH gone AS (
         DELETE FROM messages WHERE (pair_id, seq) IN (
           SELECT pair_id, seq FROM messages
           WHERE pulled_by_both_at <= $1 OR received_at <= $2
           LIMIT $3)
         RETURNING pair_id, octet_length(payload) AS bytes),
       per_pair AS (SELECT pair_id, sum(bytes) AS bytes, count(*) AS n FROM gone GROUP BY pair_id),
       freed AS (
         UPDATE pairs SET stored_bytes = GREATEST(0, pairs.stored_bytes - per_pair.bytes)
         FROM per_pair WHERE pairs.id = per_pair.pair_id RETURNING per_pair.n)
       SELECT COALESCE(sum(n), 0) AS n FROM freed`,
      [input.pulledBefore, input.receivedBefore, input.batch],
    );
    return toNumber(rows[0]?.n ?? 0);
  }
}

type MessageRow = {
  id: string;
  pair_id: string;
  sender_device_id: string;
  kind: MessageKind;
  created_at: unknown;
  payload: string;
  seq: unknown;
  received_at: unknown;
};
const toEnvelope = (row: MessageRow): Envelope => ({
  id: row.id,
  pairId: row.pair_id,
  senderDeviceId: row.sender_device_id,
  kind: row.kind,
  createdAt: toNumber(row.created_at),
  payload: row.payload,
  seq: toNumber(row.seq),
  receivedAt: toNumber(row.received_at),
});

type InviteRow = {
  inviter_device_id: string;
  inviter_role: PairRole;
  inviter_share: string;
  expires_at: unknown;
  used_at: unknown;
  revoked_at: unknown;
};

/** Explains a refused lookup or claim, in the order a person can act on: unknown, used, own, expired. */
function whyInviteRefused(invite: InviteRow | undefined, accepterDeviceId: string, now: number): InviteRefusal | null {
  if (!invite || invite.revoked_at !== null) return 'invalid';
  if (invite.used_at !== null) return 'used';
  if (invite.inviter_device_id === accepterDeviceId) return 'own';
  if (toNumber(invite.expires_at) <= now) return 'expired';
  return null;
}

export class PairExistsError extends Error {}

/**
 * Creates a pair, unconfirmed, from an exchange whose first share the inviter (or the first of a
 * programme's pair to join) made; returns it as the accepter sees it.
 */
export async function insertPair(
  tx: SqlQuery,
  input: {
    pairId: string;
    now: number;
    nameplate: string;
    programmeId: string | null;
    endsAt: number | null;
    inviter: { deviceId: string; role: PairRole; share: string };
    accepter: { deviceId: string; share: string; confirm: string };
  },
): Promise<PairInfo> {
  const { pairId, inviter, accepter } = input;
  const exists = await tx.query('SELECT 1 FROM pairs WHERE id = $1', [pairId]);
  if (exists.length) throw new PairExistsError();
  await tx.query(
    `INSERT INTO pairs (id, created_at, nameplate, inviter_device_id, inviter_share, accepter_share, accepter_confirm,
                        programme_id, ends_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      pairId,
      input.now,
      input.nameplate,
      inviter.deviceId,
      inviter.share,
      accepter.share,
      accepter.confirm,
      input.programmeId,
      input.endsAt,
    ],
  );
  await tx.query('INSERT INTO pair_members (pair_id, device_id, role) VALUES ($1, $2, $3), ($1, $4, $5)', [
    pairId,
    inviter.deviceId,
    inviter.role,
    accepter.deviceId,
    otherRole(inviter.role),
  ]);
  const rows = await tx.query<PairRow>(`${PAIRS_OF_DEVICE} AND p.id = $2`, [accepter.deviceId, pairId]);
  return toPair(rows[0]!);
}
