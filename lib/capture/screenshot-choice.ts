/** "No screenshot" is remembered per site: some intranets must never be pictured. */
import type { BinomeDb } from '../db/db';

const KEY = 'noScreenshotSites';

async function sites(db: BinomeDb): Promise<string[]> {
  return ((await db.settings.get(KEY))?.value as string[] | undefined) ?? [];
}

export async function screenshotWanted(db: BinomeDb, site: string): Promise<boolean> {
  return !(await sites(db)).includes(site);
}

export async function rememberScreenshotChoice(db: BinomeDb, site: string, wanted: boolean): Promise<void> {
  if (!site) return;
  const without = (await sites(db)).filter((entry) => entry !== site);
  await db.settings.put({ key: KEY, value: wanted ? without : [...without, site] });
}
