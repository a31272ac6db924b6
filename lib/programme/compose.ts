/**
 * Sending a programme message of mine: checked against the very schema the buddy's browser
 * enforces, sealed like any message, then written to my log and the outbox in one
 * transaction, so that it shows at once and can never show without being queued.
 */
import type { BinomeDb, Pair, ProgrammeItem } from '../db/db';
import { uuidv7 } from '../db/ids';
import { outboxItem, sealMine } from '../conversation/threads';
import { PayloadRefusedError } from '../conversation/payload-errors';
import { kindOfPayload, programmePayloadSchemas, type ProgrammePayload } from './payloads';

export async function composeProgrammeMessage(
  db: BinomeDb,
  pair: Pair,
  payload: ProgrammePayload,
  at = Date.now(),
): Promise<ProgrammeItem> {
  const kind = kindOfPayload(payload);
  const parsed = programmePayloadSchemas[kind].safeParse(payload);
  if (!parsed.success) {
    throw new PayloadRefusedError(
      kind,
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
    );
  }
  const header = { id: uuidv7(at), kind, now: at };
  const sealed = await sealMine(db, pair, header, JSON.stringify(parsed.data));
  const item: ProgrammeItem = {
    id: header.id,
    pairId: pair.pairId,
    kind,
    fromMe: true,
    createdAt: at,
    seq: null,
    payload: parsed.data,
  };
  await db.transaction('rw', db.programmeItems, db.outbox, async () => {
    await db.programmeItems.add(item);
    await db.outbox.add(outboxItem(pair.pairId, header, sealed));
  });
  return item;
}
