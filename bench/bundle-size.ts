/**
 * Bytes of JavaScript each extension page loads, read from the built extension
 * (`npm run build` first). Budget from DESIGN.md: popup < 300 KB minified.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const OUTPUT = process.argv[2] ?? '.output/chrome-mv3';
const POPUP_BUDGET = 300 * 1024;

/** The page's scripts and every module they import, transitively. */
function scriptBytes(entry: string): number {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(join(OUTPUT, file), 'utf8');
    for (const match of source.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+\.js)["']/g)) {
      visit(join(file, '..', match[1]!).replace(/^\/+/, ''));
    }
  };
  const html = readFileSync(join(OUTPUT, entry), 'utf8');
  for (const match of html.matchAll(/<script[^>]*src="\/?([^"]+\.js)"/g)) visit(match[1]!);
  for (const match of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/?([^"]+\.js)"/g)) visit(match[1]!);
  return [...seen].reduce((sum, file) => sum + readFileSync(join(OUTPUT, file)).length, 0);
}

const popup = scriptBytes('popup.html');
const options = scriptBytes('options.html');
const background = readFileSync(join(OUTPUT, 'background.js')).length;
/** Injected only into the tab a helper records a walkthrough in (issue 15): nothing anywhere else. */
const recorder = readFileSync(join(OUTPUT, 'recorder.js')).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(`popup JavaScript      ${kb(popup)} (budget ${kb(POPUP_BUDGET)}: ${popup < POPUP_BUDGET ? 'within' : 'OVER'})`);
console.log(`options JavaScript    ${kb(options)}`);
console.log(`service worker        ${kb(background)}`);

// Injected on demand only (0 bytes in a page before the person's click): what that click costs the page.
for (const script of ['picker.js', 'player.js']) {
  try {
    console.log(`${script.padEnd(22)}${kb(readFileSync(join(OUTPUT, script)).length)} (injected only when asked for)`);
  } catch {
    console.log(`${script.padEnd(22)}not built`);
  }
}
console.log(
  `walkthrough recorder  ${kb(recorder)} (only in the tab being recorded, once the helper clicks "Show how on my page")`,
);
