/** The person's own settings, kept in Dexie so every extension context reads the same. */
import type { BinomeDb } from './db';
import { normalizeDisplayName } from '../protocol/display-name';

/** The relay that `npm start` runs; a company sets its own in the options page. */
export const DEFAULT_RELAY_URL = 'http://127.0.0.1:8787';

export interface Profile {
  displayName: string;
  relayUrl: string;
}

export const DEFAULT_PROFILE: Profile = { displayName: '', relayUrl: DEFAULT_RELAY_URL };

export async function readProfile(db: BinomeDb): Promise<Profile> {
  const row = await db.settings.get('profile');
  return { ...DEFAULT_PROFILE, ...(row?.value as Partial<Profile> | undefined) };
}

/** The name is kept as the relay will store it, so what the person sees is what the buddy sees. */
export async function saveProfile(db: BinomeDb, profile: Profile): Promise<void> {
  await db.settings.put({ key: 'profile', value: { ...profile, displayName: normalizeDisplayName(profile.displayName) } });
}
