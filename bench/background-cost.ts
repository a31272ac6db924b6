/**
 * The background's standing cost (issue 16, item 7), in real Chromium with the built extension
 * (`npm run bench:background` builds first):
 * (a) no pair: a fresh profile with Binôme installed and nothing paired, watched for N minutes:
 *     how often its service worker starts and how long it runs, and the alarms it keeps;
 * (b) paired through a real relay (two profiles paired from their settings pages, as people do):
 *     the asker's browser, relaunched, watched for N minutes: the PSS (/proc/<pid>/smaps_rollup)
 *     and CPU % of the process that hosts the extension's worker, beside a floor measured in the
 *     same browser over the same minutes: the renderer of a static page (a heading, no script).
 * The measured browser is started here and driven over a bare CDP connection that attaches to
 * no worker: DevTools attached to a service worker (as Playwright attaches to every one) keeps
 * it from ever being stopped, which would hide exactly what is measured.
 * Options: --minutes 2.5 (each phase; more for a steadier figure), --sample-seconds 10.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { chromiumPath } from '../tests/e2e/support/chromium';
import { pairThroughSettings } from '../tests/e2e/support/pairing';
import { EXTENSION_DIR, Person } from '../tests/e2e/support/person';
import { RelayProcess } from '../tests/e2e/support/relay-process';
import { median } from './stats';

const { values: options } = parseArgs({
  options: { minutes: { type: 'string', default: '2.5' }, 'sample-seconds': { type: 'string', default: '10' } },
});
const PHASE_MS = Number(options.minutes) * 60_000;
const SAMPLE_MS = Number(options['sample-seconds']) * 1000;
/** A static page: what a renderer costs with nothing running in it. */
const FLOOR_PAGE = 'data:text/html,<title>Floor</title><h1>A heading, no script</h1>';
const CLOCK_TICKS = 100; // USER_HZ on Linux

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A bare CDP connection to the browser: commands, and events by name. */
class Cdp {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: any): void; reject(error: Error): void }>();
  private readonly listeners: Array<(method: string, params: any, sessionId?: string) => void> = [];

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data));
      if (message.id !== undefined) {
        const waiting = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) waiting?.reject(new Error(message.error.message));
        else waiting?.resolve(message.result);
      } else for (const listener of this.listeners) listener(message.method, message.params, message.sessionId);
    });
  }

  static async connect(url: string): Promise<Cdp> {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    return new Cdp(socket);
  }

  send(method: string, params: object = {}, sessionId?: string): Promise<any> {
    const id = this.nextId++;
    this.socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  on(listener: (method: string, params: any, sessionId?: string) => void): void {
    this.listeners.push(listener);
  }

  close(): void {
    this.socket.close();
  }
}

/** Chromium on a profile, started by hand (see the top of the file), with the built extension. */
class MeasuredBrowser {
  private constructor(
    readonly child: ChildProcess,
    readonly cdp: Cdp,
  ) {}

  static async launch(profileDir: string): Promise<MeasuredBrowser> {
    rmSync(join(profileDir, 'DevToolsActivePort'), { force: true });
    // The binary itself, not Debian's wrapper script: its pid is the browser's, whose children are measured.
    const binary =
      existsSync('/usr/lib/chromium/chromium') && !process.env.CHROMIUM_PATH ? '/usr/lib/chromium/chromium' : chromiumPath();
    const child = spawn(
      binary,
      [
        `--user-data-dir=${profileDir}`,
        '--headless',
        '--remote-debugging-port=0',
        `--disable-extensions-except=${EXTENSION_DIR}`,
        `--load-extension=${EXTENSION_DIR}`,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        // No spare renderer waiting for the next tab: the floor's renderer is then the only page renderer.
        '--disable-features=SpareRendererForSitePerProcess',
        FLOOR_PAGE,
      ],
      { stdio: 'ignore' },
    );
    const portFile = join(profileDir, 'DevToolsActivePort');
    for (let waited = 0; !existsSync(portFile) || readFileSync(portFile, 'utf8').split('\n').length < 2; waited += 100) {
      if (waited > 20_000) throw new Error('Chromium did not open its DevTools port within 20 s');
      await sleep(100);
    }
    const [port, path] = readFileSync(portFile, 'utf8').split('\n');
    const cdp = await Cdp.connect(`ws://127.0.0.1:${port}${path}`);
    return new MeasuredBrowser(child, cdp);
  }

  async close(): Promise<void> {
    this.cdp.close();
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await Promise.race([exited, sleep(5000)]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

interface WorkerWatch {
  starts: number;
  stops: number;
  /** Milliseconds the worker was running within the watched period. */
  runningMs(): number;
  running(): boolean;
}

/**
 * The extension's worker as the ServiceWorker domain reports it, through a session on a page
 * (not on the worker: see the top of the file).
 */
async function watchWorker(browser: MeasuredBrowser, extensionId: string): Promise<WorkerWatch> {
  const { targetInfos } = await browser.cdp.send('Target.getTargets');
  const page = targetInfos.find(
    (target: { type: string; url: string }) => target.type === 'page' && target.url.startsWith('data:'),
  );
  if (!page) throw new Error('The floor page is not open');
  const { sessionId } = await browser.cdp.send('Target.attachToTarget', { targetId: page.targetId, flatten: true });
  let runningSince: number | null = null;
  let runningTotal = 0;
  const watch: WorkerWatch = {
    starts: 0,
    stops: 0,
    runningMs: () => runningTotal + (runningSince === null ? 0 : Date.now() - runningSince),
    running: () => runningSince !== null,
  };
  browser.cdp.on((method, params) => {
    if (method !== 'ServiceWorker.workerVersionUpdated') return;
    for (const version of params.versions as Array<{ scriptURL: string; runningStatus: string }>) {
      if (!version.scriptURL.startsWith(`chrome-extension://${extensionId}/`)) continue;
      if (version.runningStatus === 'running' && runningSince === null) {
        watch.starts++;
        runningSince = Date.now();
      } else if (version.runningStatus === 'stopped' && runningSince !== null) {
        watch.stops++;
        runningTotal += Date.now() - runningSince;
        runningSince = null;
      }
    }
  });
  await browser.cdp.send('ServiceWorker.enable', {}, sessionId);
  return watch;
}

/** The extension's alarms, read from one of its pages (opened for this, then closed). */
async function alarmsOf(
  browser: MeasuredBrowser,
  extensionId: string,
): Promise<Array<{ name: string; periodInMinutes?: number }>> {
  const { targetId } = await browser.cdp.send('Target.createTarget', { url: `chrome-extension://${extensionId}/privacy.html` });
  const { sessionId } = await browser.cdp.send('Target.attachToTarget', { targetId, flatten: true });
  try {
    for (let attempt = 0; ; attempt++) {
      const { result } = await browser.cdp.send(
        'Runtime.evaluate',
        { expression: 'chrome.alarms.getAll().then((all) => JSON.stringify(all))', awaitPromise: true, returnByValue: true },
        sessionId,
      );
      if (typeof result.value === 'string') return JSON.parse(result.value);
      if (attempt > 50) throw new Error('The extension page could not read its alarms');
      await sleep(100);
    }
  } finally {
    await browser.cdp.send('Target.closeTarget', { targetId });
  }
}

/** The extension's id, as Chrome derives it from the manifest's pinned `key`: the SHA-256 of the key, its first 16 bytes as letters a–p. */
function extensionId(): string {
  const { key } = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as { key: string };
  const digest = createHash('sha256').update(Buffer.from(key, 'base64')).digest('hex').slice(0, 32);
  return [...digest].map((hex) => String.fromCharCode(97 + Number.parseInt(hex, 16))).join('');
}

async function until(condition: () => boolean, ms: number, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 200) {
    if (waited > ms) throw new Error(`${what} within ${ms / 1000} s`);
    await sleep(200);
  }
}

/** The browser's processes, read from /proc: each with its parent, its command line and its CPU ticks. */
function processesUnder(rootPid: number): Array<{ pid: number; cmdline: string; ticks: number }> {
  const all = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ');
        return [{ pid: Number(name), ppid: Number(fields[1]), cmdline, ticks: Number(fields[11]) + Number(fields[12]) }];
      } catch {
        return []; // Gone meanwhile.
      }
    });
  const inTree = new Set([rootPid]);
  for (let grown = true; grown; ) {
    grown = false;
    for (const process of all) {
      if (!inTree.has(process.pid) && inTree.has(process.ppid)) {
        inTree.add(process.pid);
        grown = true;
      }
    }
  }
  return all.filter((process) => inTree.has(process.pid) && process.pid !== rootPid);
}

function pssKb(pid: number): number | null {
  try {
    const match = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

// The browser's own UI (its top-chrome pages) has a renderer too, counted neither way.
const isRenderer = (cmdline: string) => cmdline.includes('--type=renderer') && !cmdline.includes('--top-chrome-webui');
const isExtensionProcess = (cmdline: string) => isRenderer(cmdline) && cmdline.includes('--extension-process');

interface ProcessCost {
  pssMb: number | null;
  cpuPercent: number | null;
  samples: number;
}

/**
 * Samples the extension's process and the floor's renderer every SAMPLE_MS for PHASE_MS: median
 * PSS, and CPU % of one core over the whole period (ticks at the end minus ticks at the start).
 */
async function measureProcesses(
  browser: MeasuredBrowser,
): Promise<{ extension: ProcessCost; floor: ProcessCost; extensionProcesses: number }> {
  const rootPid = browser.child.pid!;
  // The floor: a static page in a tab of its own, whose renderer is the one that appears with it.
  const renderers = () => processesUnder(rootPid).filter((process) => isRenderer(process.cmdline));
  const before = new Set(renderers().map((process) => process.pid));
  await browser.cdp.send('Target.createTarget', { url: FLOOR_PAGE });
  const newRenderer = () => renderers().find((process) => !before.has(process.pid))?.pid;
  await until(() => newRenderer() !== undefined, 10_000, 'The static page got no renderer of its own');
  const floorPid = newRenderer()!;
  const pick = () => ({
    extension: processesUnder(rootPid).filter((process) => isExtensionProcess(process.cmdline) && process.pid !== floorPid),
  });
  const first = pick();
  console.log(
    `  renderers: ${renderers()
      .map(
        (process) =>
          `${process.pid}${process.pid === floorPid ? ' (floor)' : isExtensionProcess(process.cmdline) ? ' (extension)' : ''}`,
      )
      .join(', ')}`,
  );
  const ticksOf = (pids: number[]) =>
    processesUnder(rootPid)
      .filter((process) => pids.includes(process.pid))
      .reduce((sum, process) => sum + process.ticks, 0);
  const extensionPids = first.extension.map((process) => process.pid);
  const startedAt = Date.now();
  const startTicks = { extension: ticksOf(extensionPids), floor: ticksOf([floorPid]) };
  const extensionPss: number[] = [];
  const floorPss: number[] = [];
  let extensionProcesses = extensionPids.length;
  while (Date.now() - startedAt < PHASE_MS) {
    await sleep(Math.min(SAMPLE_MS, PHASE_MS - (Date.now() - startedAt)));
    const now = pick();
    extensionProcesses = Math.max(extensionProcesses, now.extension.length);
    const pss = now.extension.map((process) => pssKb(process.pid) ?? 0).reduce((sum, kb) => sum + kb, 0);
    if (now.extension.length) extensionPss.push(pss);
    const floor = pssKb(floorPid);
    if (floor !== null) floorPss.push(floor);
  }
  const seconds = (Date.now() - startedAt) / 1000;
  const cpu = (ticks: number) => (ticks / CLOCK_TICKS / seconds) * 100;
  return {
    extension: {
      pssMb: extensionPss.length ? median(extensionPss) / 1024 : null,
      cpuPercent: extensionPids.length ? cpu(ticksOf(extensionPids) - startTicks.extension) : null,
      samples: extensionPss.length,
    },
    floor: {
      pssMb: floorPss.length ? median(floorPss) / 1024 : null,
      cpuPercent: cpu(ticksOf([floorPid]) - startTicks.floor),
      samples: floorPss.length,
    },
    extensionProcesses,
  };
}

/** Closes every tab but the floor page (the welcome page the install opened, for one). */
async function closeOtherTabs(browser: MeasuredBrowser): Promise<void> {
  const { targetInfos } = await browser.cdp.send('Target.getTargets');
  for (const target of targetInfos as Array<{ type: string; url: string; targetId: string }>) {
    if (target.type === 'page' && !target.url.startsWith('data:'))
      await browser.cdp.send('Target.closeTarget', { targetId: target.targetId });
  }
}

const round = (value: number | null, digits = 1) => (value === null ? null : Number(value.toFixed(digits)));
const minutes = PHASE_MS / 60_000;

const id = extensionId();

// (a) No pair.
const aloneDir = mkdtempSync(join(tmpdir(), 'binome-bench-alone-'));
const alone = await MeasuredBrowser.launch(aloneDir);
let noPair: Record<string, unknown>;
try {
  const watch = await watchWorker(alone, id);
  // The install starts the worker (and opens the welcome page, closed here as a person would).
  await until(() => watch.starts > 0, 30_000, 'The extension’s service worker did not start at install');
  await sleep(2000);
  await closeOtherTabs(alone);
  const alarmsAtStart = await alarmsOf(alone, id);
  console.log(`(a) no pair: watching the service worker for ${minutes} min…`);
  const startedAt = Date.now();
  const startsBefore = watch.starts;
  const stopsBefore = watch.stops;
  const runningBefore = watch.runningMs();
  await sleep(PHASE_MS);
  const period = Date.now() - startedAt;
  const runningMs = watch.runningMs() - runningBefore;
  const alarmsAtEnd = await alarmsOf(alone, id);
  noPair = {
    minutes,
    workerStarts: watch.starts - startsBefore,
    workerStops: watch.stops - stopsBefore,
    workerRunningPercent: round((runningMs / period) * 100),
    alarmsAtStart: alarmsAtStart.map((alarm) => alarm.name).join(', ') || 'none',
    alarmsAtEnd: alarmsAtEnd.map((alarm) => alarm.name).join(', ') || 'none',
  };
} finally {
  await alone.close();
  rmSync(aloneDir, { recursive: true, force: true });
}
console.table(noPair);

// (b) Paired through a real relay: paired in Playwright, then the asker's profile is measured on its own.
const relay = await RelayProcess.start();
let paired: Record<string, unknown>;
try {
  const asker = await Person.launch('Anne Bench', 0);
  const helper = await Person.launch('Hugo Bench', 0);
  await pairThroughSettings(asker, helper, relay);
  await asker.context.close();
  // The helper's browser stays open, idle, as a buddy's would: its own cost is not measured.
  const browser = await MeasuredBrowser.launch(asker.profileDir);
  try {
    await closeOtherTabs(browser);
    const watch = await watchWorker(browser, id);
    // After a restart the worker is started by its poll alarm (which the browser keeps), within a minute.
    await until(() => watch.running(), 90_000, 'The paired extension’s worker did not start');
    // Let the worker's start-up work (its first round, the WebSocket) settle before measuring its standing cost.
    await sleep(15_000);
    console.log(`(b) paired: measuring the worker's process and the floor for ${minutes} min…`);
    const startsBefore = watch.starts;
    const runningBefore = watch.runningMs();
    const startedAt = Date.now();
    const measured = await measureProcesses(browser);
    const period = Date.now() - startedAt;
    const alarms = await alarmsOf(browser, id);
    paired = {
      minutes,
      workerStarts: watch.starts - startsBefore,
      workerRunningPercent: round(((watch.runningMs() - runningBefore) / period) * 100),
      extensionProcesses: measured.extensionProcesses,
      workerProcessPssMb: round(measured.extension.pssMb),
      floorPssMb: round(measured.floor.pssMb),
      pssRatio:
        measured.extension.pssMb && measured.floor.pssMb ? round(measured.extension.pssMb / measured.floor.pssMb, 2) : null,
      workerProcessCpuPercent: round(measured.extension.cpuPercent, 2),
      floorCpuPercent: round(measured.floor.cpuPercent, 2),
      pssSamples: measured.extension.samples,
      alarms: alarms.map((alarm) => `${alarm.name} every ${alarm.periodInMinutes} min`).join(', ') || 'none',
    };
  } finally {
    await browser.close();
    rmSync(asker.profileDir, { recursive: true, force: true });
    await helper.close();
  }
} finally {
  await relay.dispose();
}
console.table(paired);

mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/background-cost.json',
  `${JSON.stringify(
    {
      measuredAt: new Date().toISOString(),
      floor: 'the renderer of a static page (a heading, no script) in the same browser, over the same minutes',
      noPair,
      paired,
    },
    null,
    2,
  )}\n`,
);
console.log('Written to bench/results/background-cost.json');
