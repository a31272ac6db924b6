import { useLiveQuery } from 'dexie-react-hooks';
import type { BinomeDb } from '@/lib/db/db';
import { readProfile, type Profile } from '@/lib/db/settings';

export function useProfile(db: BinomeDb): Profile | undefined {
  return useLiveQuery(() => readProfile(db), [db]);
}
