/**
 * The relay's schema, as an append-only list: a deployed migration is never edited, a change
 * is a new entry. One statement per string because PGlite's parameterised `query` runs
 * exactly one statement. Times are bigint milliseconds since the epoch, like the wire format.
 */
export interface Migration {
  id: number;
  name: string;
  statements: string[];
}

export const MIGRATIONS: Migration[] = [
  {
    id: 1,
    name: 'devices, invites, pairs, messages',
    statements: [
      `CREATE TABLE devices (
        id uuid PRIMARY KEY,
        token_hash text NOT NULL UNIQUE,
        display_name text NOT NULL,
        public_key text,
        created_at bigint NOT NULL,
        revoked_at bigint
      )`,
      // The code is a bearer secret, so only its hash is kept, and it is the key we look up by.
      `CREATE TABLE invites (
        code_hash text PRIMARY KEY,
        inviter_device_id uuid NOT NULL REFERENCES devices (id),
        inviter_role text NOT NULL CHECK (inviter_role IN ('learner', 'helper')),
        created_at bigint NOT NULL,
        expires_at bigint NOT NULL,
        used_at bigint,
        used_by_device_id uuid REFERENCES devices (id),
        pair_id uuid
      )`,
      `CREATE INDEX invites_inviter ON invites (inviter_device_id)`,
      // last_seq is the per-pair counter; its row is locked while a message is appended.
      `CREATE TABLE pairs (
        id uuid PRIMARY KEY,
        created_at bigint NOT NULL,
        last_seq bigint NOT NULL DEFAULT 0
      )`,
      `CREATE TABLE pair_members (
        pair_id uuid NOT NULL REFERENCES pairs (id),
        device_id uuid NOT NULL REFERENCES devices (id),
        role text NOT NULL CHECK (role IN ('learner', 'helper')),
        PRIMARY KEY (pair_id, device_id)
      )`,
      `CREATE INDEX pair_members_device ON pair_members (device_id)`,
      `CREATE TABLE messages (
        pair_id uuid NOT NULL REFERENCES pairs (id),
        seq bigint NOT NULL,
        id uuid NOT NULL UNIQUE,
        sender_device_id uuid NOT NULL REFERENCES devices (id),
        kind text NOT NULL,
        created_at bigint NOT NULL,
        received_at bigint NOT NULL,
        payload text NOT NULL,
        PRIMARY KEY (pair_id, seq)
      )`,
    ],
  },
  {
    id: 2,
    name: 'rate limits',
    statements: [
      // One fixed-window counter per key (a hash of limit name and subject); see relay/rate-limit.ts.
      `CREATE TABLE rate_limits (
        key text PRIMARY KEY,
        window_start bigint NOT NULL,
        window_end bigint NOT NULL,
        hits integer NOT NULL
      )`,
      `CREATE INDEX rate_limits_window_end ON rate_limits (window_end)`,
    ],
  },
  {
    id: 3,
    name: 'pairing authenticated by SPAKE2 over the invite code',
    statements: [
      // Invites of the old kind carried the whole code's hash; the relay now sees only the
      // nameplate. Open invites of the old kind could not be completed by new browsers anyway.
      `DROP TABLE invites`,
      // One row per nameplate, reused once its invite is used or expired (31^4 nameplates).
      `CREATE TABLE invites (
        nameplate text PRIMARY KEY,
        inviter_device_id uuid NOT NULL REFERENCES devices (id),
        inviter_role text NOT NULL CHECK (inviter_role IN ('learner', 'helper')),
        inviter_share text NOT NULL,
        created_at bigint NOT NULL,
        expires_at bigint NOT NULL,
        used_at bigint,
        used_by_device_id uuid REFERENCES devices (id)
      )`,
      `CREATE INDEX invites_inviter ON invites (inviter_device_id)`,
      // The exchange, kept with the pair so that each browser can finish it after a restart.
      // Opaque to the relay: it cannot tell a right password from a wrong one.
      `ALTER TABLE pairs ADD COLUMN nameplate text`,
      `ALTER TABLE pairs ADD COLUMN inviter_device_id uuid REFERENCES devices (id)`,
      `ALTER TABLE pairs ADD COLUMN inviter_share text`,
      `ALTER TABLE pairs ADD COLUMN accepter_share text`,
      `ALTER TABLE pairs ADD COLUMN accepter_confirm text`,
      `ALTER TABLE pairs ADD COLUMN inviter_confirm text`,
      `ALTER TABLE pairs ADD COLUMN pairing_failed_at bigint`,
    ],
  },
  {
    id: 4,
    name: 'pair storage quota, leaving a pair',
    statements: [
      // Payload bytes the pair stores, kept under the pair's row lock as messages are appended,
      // so the quota is checked without summing the messages (see RelayStore.postMessage).
      `ALTER TABLE pairs ADD COLUMN stored_bytes bigint NOT NULL DEFAULT 0`,
      `UPDATE pairs SET stored_bytes = COALESCE((SELECT sum(octet_length(m.payload)) FROM messages m WHERE m.pair_id = pairs.id), 0)`,
      // Set once, by the first member to leave; the pair then takes no new message.
      `ALTER TABLE pairs ADD COLUMN left_at bigint`,
      `ALTER TABLE pairs ADD COLUMN left_by_device_id uuid REFERENCES devices (id)`,
    ],
  },
  {
    id: 5,
    name: 'programmes, coordinators, wrap-up ratings, bulk pairing',
    statements: [
      // A programme's dates are the relay's own: after ends_at, its pairs take no new question.
      `CREATE TABLE programmes (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        starts_at bigint NOT NULL,
        ends_at bigint NOT NULL,
        max_seniors_per_junior integer NOT NULL CHECK (max_seniors_per_junior >= 1),
        help_url text,
        created_at bigint NOT NULL,
        CHECK (ends_at > starts_at)
      )`,
      // Coordinator secrets, sign-in links and sessions are bearer secrets: only their hashes are kept.
      `CREATE TABLE coordinators (
        id uuid PRIMARY KEY,
        programme_id uuid NOT NULL REFERENCES programmes (id),
        secret_hash text NOT NULL UNIQUE,
        created_at bigint NOT NULL
      )`,
      `CREATE INDEX coordinators_programme ON coordinators (programme_id)`,
      `CREATE TABLE coordinator_links (
        token_hash text PRIMARY KEY,
        programme_id uuid NOT NULL REFERENCES programmes (id),
        created_at bigint NOT NULL,
        expires_at bigint NOT NULL,
        used_at bigint
      )`,
      `CREATE TABLE coordinator_sessions (
        token_hash text PRIMARY KEY,
        programme_id uuid NOT NULL REFERENCES programmes (id),
        created_at bigint NOT NULL,
        expires_at bigint NOT NULL
      )`,
      `ALTER TABLE invites ADD COLUMN programme_id uuid REFERENCES programmes (id)`,
      `ALTER TABLE pairs ADD COLUMN programme_id uuid REFERENCES programmes (id)`,
      // A pair's own end (from the programme's CSV); the programme's end applies when null.
      `ALTER TABLE pairs ADD COLUMN ends_at bigint`,
      `CREATE INDEX pairs_programme ON pairs (programme_id)`,
      // Only what a person agreed to share at wrap-up; one per device and pair, replaced on repeat.
      `CREATE TABLE wrap_up_ratings (
        pair_id uuid NOT NULL REFERENCES pairs (id),
        device_id uuid NOT NULL REFERENCES devices (id),
        rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 4),
        would_recommend boolean NOT NULL,
        updated_at bigint NOT NULL,
        PRIMARY KEY (pair_id, device_id)
      )`,
      // One row per pair planned from a CSV. E-mail addresses are kept only as hashes (to count a
      // junior's seniors across imports); names, for the coordinator's check-in list.
      `CREATE TABLE programme_slots (
        id uuid PRIMARY KEY,
        programme_id uuid NOT NULL REFERENCES programmes (id),
        line integer NOT NULL,
        senior_name text NOT NULL,
        junior_name text NOT NULL,
        senior_email_hash text NOT NULL,
        junior_email_hash text NOT NULL,
        senior_code_hash text NOT NULL UNIQUE,
        junior_code_hash text NOT NULL UNIQUE,
        starts_at bigint,
        ends_at bigint,
        created_at bigint NOT NULL,
        senior_device_id uuid REFERENCES devices (id),
        junior_device_id uuid REFERENCES devices (id),
        starter_device_id uuid REFERENCES devices (id),
        starter_share text,
        pair_id uuid REFERENCES pairs (id)
      )`,
      `CREATE INDEX programme_slots_programme ON programme_slots (programme_id)`,
    ],
  },
  {
    id: 6,
    name: 'retention: what each member has pulled',
    statements: [
      // The highest seq each member was sent in a pull; what both were sent is pulled by both.
      `ALTER TABLE pair_members ADD COLUMN pulled_through bigint NOT NULL DEFAULT 0`,
      // When the second member was sent it: the retention clock for what both have (relay/retention.ts).
      `ALTER TABLE messages ADD COLUMN pulled_by_both_at bigint`,
      `CREATE INDEX messages_pulled_by_both ON messages (pulled_by_both_at) WHERE pulled_by_both_at IS NOT NULL`,
      `CREATE INDEX messages_received ON messages (received_at)`,
    ],
  },
];
