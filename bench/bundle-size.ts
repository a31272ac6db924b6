/**
 * Bytes of JavaScript each extension page loads, read from the built extension
 * (`npm run build` first). Budget from DESIGN.md: popup < 300 KB minified. Two figures for a
 * page: its first chunk (the scripts its HTML names and what they import statically: what runs
 * before its first paint from data), and everything it may ever load (every dynamic import
 * too, the lazy screens a click opens). The budget applies to the second, the larger.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const OUTPUT = process.argv[2] ?? '.output/chrome-mv3';
const POPUP_BUDGET = 300 * 1024;

const STATIC_IMPORT = /(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["'`]([^"'`]+\.js)["'`]/g;
const DYNAMIC_IMPORT = /import\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g;

/** The page's scripts and the modules they import, transitively (dynamic imports too when asked). */
function scriptBytes(entry: string, withDynamic: boolean): number {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(join(OUTPUT, file), 'utf8');
    for (const pattern of withDynamic ? [STATIC_IMPORT, DYNAMIC_IMPORT] : [STATIC_IMPORT]) {
      for (const match of source.matchAll(pattern)) visit(join(file, '..', match[1]!).replace(/^\/+/, ''));
    }
  };
  const html = readFileSync(join(OUTPUT, entry), 'utf8');
  for (const match of html.matchAll(/<script[^>]*src="\/?([^"]+\.js)"/g)) visit(match[1]!);
  for (const match of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/?([^"]+\.js)"/g)) visit(match[1]!);
  return [...seen].reduce((sum, file) => sum + readFileSync(join(OUTPUT, file)).length, 0);
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const popupFirst = scriptBytes('popup.html', false);
const popupAll = scriptBytes('popup.html', true);
const options = scriptBytes('options.html', true);
const background = readFileSync(join(OUTPUT, 'background.js')).length;
console.log(`popup JavaScript, first chunk        ${kb(popupFirst)} (drawn from the summary before the rest loads)`);
console.log(
  `popup JavaScript, all it may load    ${kb(popupAll)} (budget ${kb(POPUP_BUDGET)}: ${popupAll < POPUP_BUDGET ? 'within' : 'OVER'}; ratio ${(popupAll / POPUP_BUDGET).toFixed(2)})`,
);
console.log(`options JavaScript, all it may load  ${kb(options)}`);
console.log(`service worker                       ${kb(background)}`);
/** Injected only into the tab a helper records a walkthrough in (issue 15): nothing anywhere else. */
const recorder = readFileSync(join(OUTPUT, 'recorder.js')).length;

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
