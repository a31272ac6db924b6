/**
 * `npm test`: every suite, then one closing line "N passed, N failed" that sums them.
 * The architecture rules and the linter, then unit and relay tests (Vitest; on PostgreSQL too when DATABASE_URL is set), then the
 * extension build, the type check, the end-to-end suite in real Chromium (Playwright), the screenshots of every screen, and the
 * core loop in Firefox ESR (tests/firefox, WebDriver BiDi).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const RESULTS = '.tmp';
const UNIT_JSON = `${RESULTS}/unit-results.json`;
const E2E_JSON = `${RESULTS}/e2e-results.json`;
const FIREFOX_JSON = `${RESULTS}/firefox-results.json`;

/** `timeoutMinutes`: a step that hangs (a browser waiting on something that never comes) fails instead of holding CI. */
function run(command: string, args: string[], timeoutMinutes = 30): number {
  console.log(`\n$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: process.env,
    timeout: timeoutMinutes * 60_000,
    killSignal: 'SIGKILL',
  });
  if (result.error) console.error(`${command} ${args.join(' ')} stopped: ${result.error.message}`);
  return result.status ?? 1;
}

function readJson<T>(path: string): T | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return null;
  }
}

/**
 * What the E2E suites need from Debian, installed when missing and we are allowed to:
 * Chromium with its French locale, a virtual display with real input for the shortcut and right-click tests,
 * and Firefox ESR for the Firefox suite.
 */
function ensureBrowserTools(): void {
  const chromium = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium'];
  const missing = [
    ...(chromium.some((path) => path && existsSync(path)) ? [] : ['chromium']),
    ...(existsSync('/usr/bin/Xvfb') ? [] : ['xvfb']),
    ...(existsSync('/usr/bin/xdotool') ? [] : ['xdotool']),
    ...([process.env.FIREFOX_PATH, '/usr/bin/firefox-esr'].some((path) => path && existsSync(path)) ? [] : ['firefox-esr']),
    // Debian's Chromium speaks only English without it: a French profile would silently test English.
    ...(!process.env.CHROMIUM_PATH && !existsSync('/usr/lib/chromium/locales/fr.pak') ? ['chromium-l10n'] : []),
  ];
  if (missing.length === 0) return;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log(`Installing Debian's ${missing.join(', ')} for the end-to-end tests.`);
    run('apt-get', ['update']);
    run('apt-get', ['install', '-y', ...missing]);
    return;
  }
  console.error(
    `Missing for the end-to-end tests: ${missing.join(', ')}. Install them (Debian: sudo apt-get install ${missing.join(' ')}); set CHROMIUM_PATH for another Chromium, FIREFOX_PATH for another Firefox.`,
  );
}

mkdirSync(RESULTS, { recursive: true });
rmSync(UNIT_JSON, { force: true });
rmSync(E2E_JSON, { force: true });
rmSync(FIREFOX_JSON, { force: true });

let passed = 0;
let failed = 0;
let crashed = false;

// The architecture rules and the linter/formatter, each counted as one check in the totals.
for (const [name, command, args] of [
  ['architecture rules (dependency-cruiser)', 'npm', ['run', '--silent', 'lint:deps']],
  ['lint and format (Biome)', 'npx', ['biome', 'ci', '--error-on-warnings', '.']],
] as const) {
  if (run(command, [...args]) === 0) passed++;
  else {
    console.error(`The ${name} check failed: see its output above.`);
    failed++;
  }
}

console.log(
  process.env.DATABASE_URL
    ? 'Relay tests run on PGlite and on PostgreSQL (DATABASE_URL).'
    : 'Relay tests run on PGlite (set DATABASE_URL to add PostgreSQL).',
);
const unitExit = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${UNIT_JSON}`]);
const unit = readJson<{ numPassedTests: number; numFailedTests: number }>(UNIT_JSON);
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
}
if (!unit || (unitExit !== 0 && unit.numFailedTests === 0)) crashed = true;

ensureBrowserTools();
const buildExit = run('npx', ['wxt', 'build']);
// After the build: it regenerates WXT's types (the i18n keys among them).
if (run('npx', ['tsc', '--noEmit', '-p', '.']) !== 0) {
  console.error('The type check failed.');
  crashed = true;
}
if (buildExit !== 0) {
  crashed = true;
} else {
  const e2eExit = run('npx', ['playwright', 'test', '-c', 'tests/e2e']);
  const e2e = readJson<{ stats: { expected: number; unexpected: number; flaky: number } }>(E2E_JSON);
  if (e2e) {
    passed += e2e.stats.expected + e2e.stats.flaky;
    failed += e2e.stats.unexpected;
  }
  if (!e2e || (e2eExit !== 0 && e2e.stats.unexpected === 0)) crashed = true;
  // Every screen in en and fr, light and dark, 100 % and 200 %, for a person to look at
  // (.tmp/screenshots): one check, failed when a screen cannot be reached.
  if (run('npx', ['tsx', 'docs/make-screenshots.ts'], 10) === 0) passed++;
  else {
    console.error('The screenshots could not all be taken: see the output above.');
    failed++;
  }
}

// The core loop in Firefox, on its own build (.output/firefox-mv2). A missing Firefox fails its test, it is not skipped.
if (run('npx', ['wxt', 'build', '-b', 'firefox']) !== 0) {
  crashed = true;
} else {
  const firefoxExit = run('npx', [
    'vitest',
    'run',
    '-c',
    'tests/firefox/vitest.config.ts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${FIREFOX_JSON}`,
  ]);
  const firefox = readJson<{ numPassedTests: number; numFailedTests: number }>(FIREFOX_JSON);
  if (firefox) {
    passed += firefox.numPassedTests;
    failed += firefox.numFailedTests;
  }
  if (!firefox || (firefoxExit !== 0 && firefox.numFailedTests === 0)) crashed = true;
}

if (crashed) console.error('A test suite could not run to the end: see its output above.');
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || crashed ? 1 : 0);
