import type { BinomeDb } from '@/lib/db/db';
import { profileSetting, type Profile } from '@/lib/db/settings';
import { useSetting } from './useSetting';

export function useProfile(db: BinomeDb): Profile | undefined {
  return useSetting(db, profileSetting);
}
