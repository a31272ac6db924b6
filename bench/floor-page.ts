/**
 * The floor the extension's pages are measured against: what any extension page costs in this
 * browser. The built extension is copied to a temporary folder with one more page, a heading
 * and no script, no style sheet (bench-floor.html), so the floor is served from the same
 * origin by the same extension process, and the shipped build never contains it. The extension
 * id is pinned by the manifest's key, so the copy has the same id. Import this module, then
 * the page objects (they read BINOME_EXTENSION_DIR when loaded).
 */
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

export const FLOOR_PAGE = 'bench-floor.html';

/** Copies the build with the floor page added, points the page objects at it, and returns how to remove it. */
export function extensionWithFloorPage(built = '.output/chrome-mv3'): { dir: string; remove(): void } {
  if (!existsSync(join(built, 'manifest.json'))) throw new Error(`No built extension in ${built}: run "npx wxt build" first.`);
  const dir = join(mkdtempSync(join(tmpdir(), 'binome-bench-ext-')), 'chrome-mv3');
  cpSync(built, dir, { recursive: true });
  writeFileSync(
    join(dir, FLOOR_PAGE),
    '<!doctype html>\n<html lang="en">\n  <head>\n    <meta charset="UTF-8" />\n    <title>Binôme</title>\n  </head>\n  <body>\n    <h1>Binôme</h1>\n  </body>\n</html>\n',
  );
  process.env.BINOME_EXTENSION_DIR = dir;
  return { dir, remove: () => rmSync(join(dir, '..'), { recursive: true, force: true }) };
}

/** performance.now() of the page's first paint (navigation start is 0). */
function firstPaint(): number | false {
  const entry = performance.getEntriesByName('first-paint')[0];
  return entry ? entry.startTime : false;
}

/** Loads the floor page and returns when it first painted, from navigation start. */
export async function floorFirstPaint(page: Page, extensionId: string): Promise<number> {
  await page.goto(`chrome-extension://${extensionId}/${FLOOR_PAGE}`);
  return (await (await page.waitForFunction(firstPaint, undefined, { timeout: 10_000 })).jsonValue()) as number;
}

export { firstPaint };
