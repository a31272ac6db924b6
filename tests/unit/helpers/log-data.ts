import type { BinomeDb } from '@/lib/db/db';
import type { PageContext } from '@/lib/capture/page-context';
import { identifyTool } from '@/lib/capture/tools';
import { refreshThread, type StoredMessage } from '@/lib/conversation/threads';
import { PAIR_ID } from './db';

export interface EntrySpec {
  question: string;
  answer?: string;
  url?: string;
  skill?: string;
  at: number;
  /** outgoing: I asked (default); incoming: my buddy asked and I answered. */
  direction?: 'outgoing' | 'incoming';
  resolved?: boolean;
  pairId?: string;
}

let seq = 0;

/** Writes an entry as if it had gone through the relay (every message has a seq). */
export async function addEntry(db: BinomeDb, spec: EntrySpec): Promise<string> {
  const threadId = crypto.randomUUID();
  const pairId = spec.pairId ?? PAIR_ID;
  const iAsked = (spec.direction ?? 'outgoing') === 'outgoing';
  const tool = spec.url ? identifyTool(spec.url) : null;
  const context: PageContext | null = spec.url
    ? { url: spec.url, title: `Page of ${tool!.name}`, tool: tool!.id, toolName: tool!.name, selection: '' }
    : null;
  const messages: StoredMessage[] = [
    {
      id: threadId,
      threadId,
      pairId,
      kind: 'question',
      fromMe: iAsked,
      text: spec.question,
      createdAt: spec.at,
      seq: ++seq,
      context,
      ...(spec.skill ? { skill: spec.skill } : {}),
    },
  ];
  if (spec.answer) {
    messages.push({
      id: crypto.randomUUID(),
      threadId,
      pairId,
      kind: 'answer',
      fromMe: !iAsked,
      text: spec.answer,
      createdAt: spec.at + 1000,
      seq: ++seq,
    });
  }
  if (spec.resolved) {
    messages.push({
      id: crypto.randomUUID(),
      threadId,
      pairId,
      kind: 'resolution',
      fromMe: iAsked,
      text: '',
      createdAt: spec.at + 2000,
      seq: ++seq,
    });
  }
  await db.transaction('rw', db.threads, db.messages, async () => {
    await db.messages.bulkAdd(messages);
    await refreshThread(db, threadId);
  });
  return threadId;
}
