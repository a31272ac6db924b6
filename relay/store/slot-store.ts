import { randomUUID } from 'node:crypto';
import type { PairInfo, PairRole } from '../../lib/protocol/protocol.ts';
import { insertPair, PairExistsError, type Device } from './relay-store.ts';
import { isUniqueViolation, type Sql } from './sql.ts';
import { toProgramme, type Programme } from './programme-store.ts';

/** One pair planned from a programme's CSV, as the import writes it. */
export interface NewSlot {
  line: number;
  seniorName: string;
  juniorName: string;
  seniorEmailHash: string;
  juniorEmailHash: string;
  seniorCodeHash: string;
  juniorCodeHash: string;
  startsAt: number | null;
  endsAt: number | null;
}

export type SlotSide = 'senior' | 'junior';
/** A senior is the pair's learner (they ask about digital tools), a junior its helper. */
export const ROLE_OF_SIDE: Record<SlotSide, PairRole> = { senior: 'learner', junior: 'helper' };
const other = (side: SlotSide): SlotSide => (side === 'senior' ? 'junior' : 'senior');

export interface JoiningSlot {
  slotId: string;
  programme: Programme;
  side: SlotSide;
  /** The pair's end: the slot's own, else the programme's. Joining closes then. */
  endsAt: number;
  myDeviceId: string | null;
  buddyDeviceId: string | null;
  starterDeviceId: string | null;
  starterShare: string | null;
  pairId: string | null;
  /** The buddy's name as the coordinator's CSV gives it: the joining person sees whom they wait for. */
  buddyName: string;
}

export type JoinRefusal = 'invalid' | 'used' | 'ended' | 'conflict';

type SlotRow = {
  id: string;
  programme_id: string;
  slot_ends_at: unknown;
  senior_code_hash: string;
  senior_device_id: string | null;
  junior_device_id: string | null;
  starter_device_id: string | null;
  starter_share: string | null;
  pair_id: string | null;
  senior_name: string;
  junior_name: string;
  name: string;
  starts_at: unknown;
  ends_at: unknown;
  max_seniors_per_junior: unknown;
  help_url: string | null;
  created_at: unknown;
};

const SLOT_BY_CODE = `
  SELECT s.id, s.programme_id, s.ends_at AS slot_ends_at, s.senior_code_hash, s.senior_device_id, s.junior_device_id,
         s.starter_device_id, s.starter_share, s.pair_id, s.senior_name, s.junior_name,
         g.name, g.starts_at, g.ends_at, g.max_seniors_per_junior, g.help_url, g.created_at
  FROM programme_slots s JOIN programmes g ON g.id = s.programme_id
  WHERE s.senior_code_hash = $1 OR s.junior_code_hash = $1`;

function toJoiningSlot(row: SlotRow, codeHash: string): JoiningSlot {
  const side: SlotSide = row.senior_code_hash === codeHash ? 'senior' : 'junior';
  const programme = toProgramme({ ...row, id: row.programme_id });
  const devices = { senior: row.senior_device_id, junior: row.junior_device_id };
  return {
    slotId: row.id,
    programme,
    side,
    endsAt: row.slot_ends_at === null ? programme.endsAt : Number(row.slot_ends_at),
    myDeviceId: devices[side],
    buddyDeviceId: devices[other(side)],
    starterDeviceId: row.starter_device_id,
    starterShare: row.starter_share,
    pairId: row.pair_id,
    buddyName: side === 'senior' ? row.junior_name : row.senior_name,
  };
}

/** Why this device may not join with this slot's code now, if it may not. */
function refusalFor(slot: JoiningSlot, deviceId: string, now: number): JoinRefusal | null {
  if (slot.endsAt <= now) return 'ended';
  if (slot.pairId !== null || (slot.myDeviceId !== null && slot.myDeviceId !== deviceId)) return 'used';
  if (slot.buddyDeviceId === deviceId) return 'used'; // one device cannot be both people of a pair
  return null;
}

/**
 * The programme's planned pairs (relay/programme/) and their joining: each person's code, kept
 * as a hash, names a side of one slot; the first to join leaves a SPAKE2 share, the second
 * answers it and the pair is created, in the programme, unconfirmed until the browsers confirm.
 */
export class SlotStore {
  constructor(readonly sql: Sql) {}

  /** The e-mail hashes already planned in the programme, for the import's checks. */
  async plannedPeople(programmeId: string): Promise<{ seniorEmailHash: string; juniorEmailHash: string }[]> {
    const rows = await this.sql.query<{ senior_email_hash: string; junior_email_hash: string }>(
      'SELECT senior_email_hash, junior_email_hash FROM programme_slots WHERE programme_id = $1',
      [programmeId],
    );
    return rows.map((r) => ({ seniorEmailHash: r.senior_email_hash, juniorEmailHash: r.junior_email_hash }));
  }

  /** All the slots of one import, or none. */
  async insertSlots(programmeId: string, slots: NewSlot[], now: number): Promise<void> {
    await this.sql.transaction(async (tx) => {
      for (const slot of slots) {
        await tx.query(
          `INSERT INTO programme_slots (id, programme_id, line, senior_name, junior_name, senior_email_hash, junior_email_hash,
             senior_code_hash, junior_code_hash, starts_at, ends_at, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
          [
            randomUUID(),
            programmeId,
            slot.line,
            slot.seniorName,
            slot.juniorName,
            slot.seniorEmailHash,
            slot.juniorEmailHash,
            slot.seniorCodeHash,
            slot.juniorCodeHash,
            slot.startsAt,
            slot.endsAt,
            now,
          ],
        );
      }
    });
  }

  /** The slot a code names, seen from the device that presents it, with the buddy's device if it joined first. */
  async lookup(
    codeHash: string,
    deviceId: string,
    now: number,
  ): Promise<{ ok: true; slot: JoiningSlot; buddy: Device | null } | { ok: false; reason: JoinRefusal }> {
    const rows = await this.sql.query<SlotRow>(SLOT_BY_CODE, [codeHash]);
    if (!rows[0]) return { ok: false, reason: 'invalid' };
    const slot = toJoiningSlot(rows[0], codeHash);
    const refusal = refusalFor(slot, deviceId, now);
    if (refusal) return { ok: false, reason: refusal };
    let buddy: Device | null = null;
    if (slot.starterDeviceId !== null && slot.starterDeviceId === slot.buddyDeviceId) {
      const found = await this.sql.query<{ id: string; display_name: string; public_key: string | null }>(
        'SELECT id, display_name, public_key FROM devices WHERE id = $1 AND revoked_at IS NULL',
        [slot.starterDeviceId],
      );
      if (found[0]) buddy = { id: found[0].id, displayName: found[0].display_name, publicKey: found[0].public_key };
    }
    return { ok: true, slot, buddy };
  }

  /**
   * The first to join: claims its side and leaves its share. Repeating it from the same device
   * replaces the share (its browser lost the first one); once the buddy started, 'conflict'.
   */
  start(input: {
    codeHash: string;
    deviceId: string;
    share: string;
    now: number;
  }): Promise<{ ok: true; expiresAt: number } | { ok: false; reason: JoinRefusal }> {
    return this.sql.transaction(async (tx) => {
      const rows = await tx.query<SlotRow>(`${SLOT_BY_CODE} FOR UPDATE OF s`, [input.codeHash]);
      if (!rows[0]) return { ok: false, reason: 'invalid' };
      const slot = toJoiningSlot(rows[0], input.codeHash);
      const refusal = refusalFor(slot, input.deviceId, input.now);
      if (refusal) return { ok: false, reason: refusal };
      if (slot.starterDeviceId !== null && slot.starterDeviceId !== input.deviceId) return { ok: false, reason: 'conflict' };
      await tx.query(
        `UPDATE programme_slots SET ${slot.side}_device_id = $2, starter_device_id = $2, starter_share = $3 WHERE id = $1`,
        [slot.slotId, input.deviceId, input.share],
      );
      return { ok: true, expiresAt: slot.endsAt };
    });
  }

  /** The second to join: answers the first's share; the pair is created in the programme. */
  accept(input: {
    codeHash: string;
    deviceId: string;
    pairId: string;
    inviterShare: string;
    share: string;
    confirm: string;
    now: number;
  }): Promise<{ ok: true; pair: PairInfo; starterDeviceId: string } | { ok: false; reason: JoinRefusal | 'pair_exists' }> {
    return this.sql
      .transaction(async (tx) => {
        const rows = await tx.query<SlotRow>(`${SLOT_BY_CODE} FOR UPDATE OF s`, [input.codeHash]);
        if (!rows[0]) return { ok: false as const, reason: 'invalid' as const };
        const slot = toJoiningSlot(rows[0], input.codeHash);
        const refusal = refusalFor(slot, input.deviceId, input.now);
        if (refusal) return { ok: false as const, reason: refusal };
        // The buddy must have started, with the very share this device answered.
        if (
          slot.starterDeviceId === null ||
          slot.starterDeviceId !== slot.buddyDeviceId ||
          slot.starterShare !== input.inviterShare
        ) {
          return { ok: false as const, reason: 'conflict' as const };
        }
        const starterSide = other(slot.side);
        const pair = await insertPair(tx, {
          pairId: input.pairId,
          now: input.now,
          nameplate: nameplateOf(slot.slotId),
          programmeId: slot.programme.id,
          endsAt: rows[0].slot_ends_at === null ? null : Number(rows[0].slot_ends_at),
          inviter: { deviceId: slot.starterDeviceId, role: ROLE_OF_SIDE[starterSide], share: slot.starterShare },
          accepter: { deviceId: input.deviceId, share: input.share, confirm: input.confirm },
        });
        await tx.query(`UPDATE programme_slots SET ${slot.side}_device_id = $2, pair_id = $3 WHERE id = $1`, [
          slot.slotId,
          input.deviceId,
          input.pairId,
        ]);
        return { ok: true as const, pair, starterDeviceId: slot.starterDeviceId };
      })
      .catch((error: unknown) => {
        if (error instanceof PairExistsError || isUniqueViolation(error))
          return { ok: false as const, reason: 'pair_exists' as const };
        throw error;
      });
  }
}

/** What both browsers bind into the exchange, as an invite's nameplate: the slot, never a person. */
export const nameplateOf = (slotId: string) => `programme:${slotId}`;
