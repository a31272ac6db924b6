/**
 * The knowledge log's inverted index (schema version 7): one row per word holding the sorted
 * numbers of the entries that contain it, and whether each has it in its question. A search
 * reads the few rows of its words and intersects them in memory; before, it walked the
 * multi-entry word indexes of the threads table, whose cost grew with the log (two common
 * words took 118 ms at 100,000 entries, bench/README.md "Search").
 *
 * An entry's number orders by answer time (answeredAt × 1024, plus a small counter for
 * entries answered in the same millisecond), so that "best score, then newest answer" is
 * decided from the index alone and only the page shown is read.
 *
 * The index is kept by a DBCore middleware (`searchIndexMiddleware`) under every write to
 * `threads`, in the same transaction: adds, edits, deletions, imports and anything a later
 * version's upgrade writes can never leave it behind. This module only knows the shape of a
 * thread it needs, so that db.ts can use it without a cycle.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';

/**
 * A chunk of a word's postings: entry numbers ascending, and 1 where the word is in the entry's
 * question. A word's chunks cover consecutive ranges of numbers, each from its `from` up to the
 * next chunk's (the first from 0), so that adding an entry rewrites one small row, never a
 * whole list (the word in every entry of a 100,000-entry log would be a 900 KB row).
 */
export interface SearchTerm {
  word: string;
  from: number;
  docs: Float64Array;
  inQuestion: Uint8Array;
}

/** 2,048 numbers and flags: 18 KB, under the 64 KB above which Chromium stores a value as a file. */
export const CHUNK_SIZE = 2048;

/** Which log entry a number of the postings stands for (keyed by number: a search reads these). */
export interface SearchDoc {
  threadId: string;
  docNo: number;
}

/** What the index reads of a thread. */
export interface Indexable {
  id: string;
  answeredAt: number;
  words: string[];
  /** Absent on threads written by version 1 (its upgrade to 2 adds it). */
  questionWords?: string[];
}

export const SEARCH_TABLES = ['searchTerms', 'searchDocs'] as const;

/** Room for this many entries answered in one millisecond; answeredAt × 1024 stays an exact double until 2248. */
const SAME_MS = 1024;
const MAX_ANSWERED_AT = Math.floor(Number.MAX_SAFE_INTEGER / SAME_MS) - 1;

/** Only the knowledge log (answered threads) is searched, so only it is indexed. */
function isLogEntry(thread: Indexable | undefined): thread is Indexable {
  return !!thread && thread.answeredAt > 0 && Array.isArray(thread.words);
}

/** The first entry number an entry answered at `answeredAt` may take. */
export function baseDocNo(answeredAt: number): number {
  return Math.min(Math.max(Math.floor(answeredAt), 1), MAX_ANSWERED_AT) * SAME_MS;
}

/** Changes to make to the postings, grouped by word. */
export class PostingChanges {
  readonly removed = new Map<string, Set<number>>();
  readonly added = new Map<string, [docNo: number, inQuestion: number][]>();

  remove(thread: Indexable, docNo: number): void {
    for (const word of new Set(thread.words)) {
      const set = this.removed.get(word) ?? new Set<number>();
      this.removed.set(word, set.add(docNo));
    }
  }

  add(thread: Indexable, docNo: number): void {
    const question = new Set(thread.questionWords ?? []);
    for (const word of new Set(thread.words)) {
      const list = this.added.get(word) ?? [];
      list.push([docNo, question.has(word) ? 1 : 0]);
      this.added.set(word, list);
    }
  }

  words(): string[] {
    return [...new Set([...this.removed.keys(), ...this.added.keys()])];
  }

  /**
   * The rows of one word's chunk after the changes: `added` are the numbers that fall in it,
   * sorted; none when no entry in its range has the word any more, several when it outgrew
   * CHUNK_SIZE (each new row starts at its first number).
   */
  static rewrite(
    word: string,
    from: number,
    row: SearchTerm | undefined,
    added: [docNo: number, inQuestion: number][],
    removed: Set<number> | undefined,
  ): SearchTerm[] {
    const oldDocs = row?.docs ?? new Float64Array(0);
    const oldFlags = row?.inQuestion ?? new Uint8Array(0);
    const docs = new Float64Array(oldDocs.length + added.length);
    const inQuestion = new Uint8Array(docs.length);
    let size = 0;
    let next = 0;
    // A merge of two sorted lists. A number both in the row and added is an edited entry: the added flag wins.
    for (let at = 0; at <= oldDocs.length; at++) {
      const doc = at < oldDocs.length ? oldDocs[at]! : Number.POSITIVE_INFINITY;
      let replaced = false;
      while (next < added.length && added[next]![0] <= doc) {
        const [docNo, flag] = added[next++]!;
        if (size > 0 && docs[size - 1] === docNo) continue;
        docs[size] = docNo;
        inQuestion[size++] = flag;
        replaced ||= docNo === doc;
      }
      if (at < oldDocs.length && !replaced && !removed?.has(doc)) {
        docs[size] = doc;
        inQuestion[size++] = oldFlags[at]!;
      }
    }
    const rows: SearchTerm[] = [];
    for (let start = 0; start < size; start += CHUNK_SIZE) {
      const end = Math.min(start + CHUNK_SIZE, size);
      rows.push({
        word,
        from: start ? docs[start]! : from,
        docs: docs.slice(start, end),
        inQuestion: inQuestion.slice(start, end),
      });
    }
    return rows;
  }
}

function sortedAdded(changes: PostingChanges, word: string): [number, number][] {
  return (changes.added.get(word) ?? []).sort((a, b) => a[0] - b[0]);
}

/** The last of the ascending `froms` at or below `docNo`; 0 (a new first chunk) when there is none. */
function chunkOf(froms: number[], docNo: number): number {
  let low = 0;
  let high = froms.length - 1;
  let found = 0;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (froms[middle]! <= docNo) {
      found = froms[middle]!;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

function sameWords(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((word, at) => word === b[at]);
}

/**
 * Entry numbers for entries that need one, avoiding those in use: `taken` answers which numbers
 * from a base are already given, reading the database when it must.
 */
async function numberEntries(
  threads: Indexable[],
  taken: (base: number) => Promise<Set<number>>,
  given: Set<number>,
): Promise<number[]> {
  const bases = [...new Set(threads.map((thread) => baseDocNo(thread.answeredAt)))];
  const used = new Map(await Promise.all(bases.map(async (base) => [base, await taken(base)] as const)));
  return threads.map((thread) => {
    const base = baseDocNo(thread.answeredAt);
    let docNo = base;
    while (used.get(base)!.has(docNo) || given.has(docNo)) docNo++;
    given.add(docNo);
    return docNo;
  });
}

/** Builds the whole index from the threads in the version 7 upgrade (and in tests). */
export async function buildSearchIndex(threads: Indexable[]): Promise<{ terms: SearchTerm[]; docs: SearchDoc[] }> {
  const entries = threads.filter(isLogEntry);
  const numbers = await numberEntries(entries, async () => new Set(), new Set());
  const changes = new PostingChanges();
  const docs = entries.map((thread, at) => {
    changes.add(thread, numbers[at]!);
    return { threadId: thread.id, docNo: numbers[at]! };
  });
  const terms = changes
    .words()
    .flatMap((word) => PostingChanges.rewrite(word, 0, undefined, sortedAdded(changes, word), undefined));
  return { terms, docs };
}

interface Stores {
  threads: DBCoreTable;
  terms: DBCoreTable;
  docs: DBCoreTable;
}

/** Keeps the postings of `before` → `after` (undefined: absent) in the transaction. */
async function reindex(
  stores: Stores,
  trans: DBCoreTransaction,
  ids: string[],
  before: (Indexable | undefined)[],
  after: (Indexable | undefined)[],
): Promise<void> {
  const byThread = stores.docs.schema.getIndexByKeyPath('threadId')!;
  const indexed: (SearchDoc | undefined)[] = await Promise.all(
    ids.map(async (id) => {
      const range = { type: 1 /* DBCoreRangeType.Equal */, lower: id, upper: id } as const;
      return (await stores.docs.query({ trans, query: { index: byThread, range }, values: true, limit: 1 })).result[0];
    }),
  );
  const changes = new PostingChanges();
  const removedDocs: number[] = [];
  const toNumber: { at: number; thread: Indexable }[] = [];
  const given = new Set<number>();
  const last = new Map(ids.map((id, at) => [id, at]));
  for (let at = 0; at < ids.length; at++) {
    // A batch that writes one thread twice: its last value is what stays.
    if (last.get(ids[at]!) !== at) continue;
    const doc = indexed[at];
    const old = doc ? before[at] : undefined;
    const now = isLogEntry(after[at]) ? after[at] : undefined;
    if (doc && old && now && baseDocNo(old.answeredAt) === baseDocNo(now.answeredAt)) {
      // The common case: a read mark or a status changed, the words did not.
      if (sameWords(old.words, now.words) && sameWords(old.questionWords ?? [], now.questionWords ?? [])) continue;
      changes.remove(old, doc.docNo);
      changes.add(now, doc.docNo);
      given.add(doc.docNo);
      continue;
    }
    if (doc) {
      if (old) changes.remove(old, doc.docNo);
      removedDocs.push(doc.docNo);
    }
    if (now) toNumber.push({ at, thread: now });
  }
  const numbers = await numberEntries(
    toNumber.map((item) => item.thread),
    async (base) => {
      const range = { type: 2 /* DBCoreRangeType.Range */, lower: base, upper: base + SAME_MS - 1 } as const;
      const { result } = await stores.docs.query({ trans, query: { index: stores.docs.schema.primaryKey, range } });
      // A number this batch frees is free again only after the batch: keeping it taken is simpler.
      return new Set(result as number[]);
    },
    given,
  );
  const newDocs = toNumber.map((item, at) => {
    changes.add(item.thread, numbers[at]!);
    return { threadId: item.thread.id, docNo: numbers[at]! };
  });
  const words = changes.words();
  if (removedDocs.length) await mutateOrThrow(stores.docs, { type: 'delete', trans, keys: removedDocs });
  if (newDocs.length) await mutateOrThrow(stores.docs, { type: 'put', trans, values: newDocs });
  if (!words.length) return;
  // Which chunk each changed number falls in: the keys of each word's chunks, then only those rows.
  const primaryKey = stores.terms.schema.primaryKey;
  const chunkKeys = await Promise.all(
    words.map(async (word) => {
      const range = { type: 2 /* DBCoreRangeType.Range */, lower: [word, -Infinity], upper: [word, Infinity] } as const;
      return (await stores.terms.query({ trans, query: { index: primaryKey, range } })).result as [string, number][];
    }),
  );
  const touched: { word: string; from: number; exists: boolean; added: [number, number][] }[] = [];
  words.forEach((word, at) => {
    const froms = chunkKeys[at]!.map((key) => key[1]);
    const chunks = new Map<number, (typeof touched)[number]>();
    const chunk = (docNo: number) => {
      const from = chunkOf(froms, docNo);
      const entry = chunks.get(from) ?? { word, from, exists: froms.includes(from), added: [] };
      chunks.set(from, entry);
      return entry;
    };
    for (const docNo of changes.removed.get(word) ?? []) chunk(docNo);
    for (const item of sortedAdded(changes, word)) chunk(item[0]).added.push(item);
    touched.push(...chunks.values());
  });
  const rows: (SearchTerm | undefined)[] = await stores.terms.getMany({
    trans,
    keys: touched.filter((chunk) => chunk.exists).map((chunk) => [chunk.word, chunk.from]),
  });
  let read = 0;
  const kept: SearchTerm[] = [];
  const emptied: [string, number][] = [];
  for (const chunk of touched) {
    const row = chunk.exists ? rows[read++] : undefined;
    const rewritten = PostingChanges.rewrite(chunk.word, chunk.from, row, chunk.added, changes.removed.get(chunk.word));
    kept.push(...rewritten);
    if (chunk.exists && !rewritten.length) emptied.push([chunk.word, chunk.from]);
  }
  if (kept.length) await mutateOrThrow(stores.terms, { type: 'put', trans, values: kept });
  if (emptied.length) await mutateOrThrow(stores.terms, { type: 'delete', trans, keys: emptied });
}

async function mutateOrThrow(table: DBCoreTable, request: DBCoreMutateRequest): Promise<void> {
  const response = await table.mutate(request);
  if (response.numFailures) throw Object.values(response.failures)[0];
}

function hasSearchStores(trans: DBCoreTransaction): boolean {
  const stores = (trans as unknown as IDBTransaction).objectStoreNames;
  return SEARCH_TABLES.every((name) => stores.contains(name));
}

/**
 * Every readwrite transaction over `threads` also covers the index, and every write to
 * `threads` updates it. Upgrades of versions before 7 run before the index exists: version 7
 * builds it from what they left.
 */
export const searchIndexMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'binomeSearchIndex',
  create: (down) => ({
    ...down,
    transaction(stores, mode, options) {
      const names = down.schema.tables.map((table) => table.name);
      const widen = mode === 'readwrite' && stores.includes('threads') && SEARCH_TABLES.every((name) => names.includes(name));
      return down.transaction(widen ? [...new Set([...stores, ...SEARCH_TABLES])] : stores, mode, options);
    },
    table(name) {
      const table = down.table(name);
      if (name !== 'threads') return table;
      return {
        ...table,
        async mutate(request) {
          if (!hasSearchStores(request.trans)) return table.mutate(request);
          const stores = { threads: table, terms: down.table('searchTerms'), docs: down.table('searchDocs') };
          const { trans } = request;
          let ids: string[];
          if (request.type === 'deleteRange') {
            const { result } = await table.query({ trans, query: { index: table.schema.primaryKey, range: request.range } });
            ids = result as string[];
          } else if (request.type === 'delete') {
            ids = request.keys as string[];
          } else {
            ids = request.keys ?? request.values.map((value) => table.schema.primaryKey.extractKey!(value));
          }
          const before: (Indexable | undefined)[] = await table.getMany({ trans, keys: ids });
          const response = await table.mutate(request);
          const after =
            request.type === 'add' || request.type === 'put'
              ? request.values.map((value, at) => (response.failures[at] ? before[at] : (value as Indexable)))
              : ids.map((_id, at) => (response.failures[at] ? before[at] : undefined));
          await reindex(stores, trans, ids, before, after);
          return response;
        },
      };
    },
  }),
};
