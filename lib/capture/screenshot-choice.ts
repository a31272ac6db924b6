/** "No screenshot" is remembered per site: some intranets must never be pictured. */
import type { BinomeDb } from '../db/db';
import { noScreenshotSitesSetting, read, write } from '../db/settings';

export async function screenshotWanted(db: BinomeDb, site: string): Promise<boolean> {
  return !(await read(db, noScreenshotSitesSetting)).includes(site);
}

export async function rememberScreenshotChoice(db: BinomeDb, site: string, wanted: boolean): Promise<void> {
  if (!site) return;
  const without = (await read(db, noScreenshotSitesSetting)).filter((entry) => entry !== site);
  await write(db, noScreenshotSitesSetting, wanted ? without : [...without, site]);
}
