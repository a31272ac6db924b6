import type { BinomeDb } from '@/lib/db/db';
import { profileSetting, profileUnderPolicy, type Profile } from '@/lib/db/settings';
import { useManagedPolicy } from './useManagedPolicy';
import { useSetting } from './useSetting';

/** The profile Binôme uses, as readProfile gives it: the relay address a company presets or locks included. */
export function useProfile(db: BinomeDb): Profile | undefined {
  const stored = useSetting(db, profileSetting);
  const policy = useManagedPolicy();
  return stored && policy ? profileUnderPolicy(stored, policy) : undefined;
}
