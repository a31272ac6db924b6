import { useLiveQuery } from 'dexie-react-hooks';
import type { BinomeDb } from '@/lib/db/db';
import { read, type Setting } from '@/lib/db/settings';

/** A setting as stored now, followed live; undefined only until the first read answers. */
export function useSetting<T>(db: BinomeDb, setting: Setting<T>): T | undefined {
  return useLiveQuery(() => read(db, setting), [db, setting]);
}
