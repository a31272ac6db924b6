/**
 * The relay as a real process (`node --import tsx relay/cli.ts`), the way it is deployed: for
 * the kill -9 test and the load bench. It can be killed with any signal and started again on
 * the same port and the same data (PGlite folder or PostgreSQL schema).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** Only the tail is kept: the relay logs one line per request, and a load run makes thousands. */
const OUTPUT_TAIL_CHARS = 16_000;

/** Relay processes still running when this process exits (a crashed test or bench) die with it. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export interface RelayChildOptions {
  /** 0 (the default) lets the first start pick a free port; restarts reuse the port it got. */
  port?: number;
  /** PGlite's data folder; ignored when databaseUrl is set. */
  dataDir?: string;
  /** PostgreSQL instead of PGlite. */
  databaseUrl?: string;
  /** PostgreSQL only: DATABASE_SCHEMA, the schema the relay keeps its tables in. */
  schema?: string;
  /** Extra Node flags for the relay process (e.g. --cpu-prof for a profile of a bench run). */
  nodeArgs?: string[];
  /**
   * Node's arguments for the relay: `--import tsx relay/cli.ts` (what `npm run relay` runs) by
   * default; the container test passes the Dockerfile's CMD.
   */
  command?: string[];
  /** Extra environment for the relay process. */
  env?: Record<string, string>;
  startTimeoutMs?: number;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class RelayChild {
  private child: ChildProcess | null = null;
  private exited: Promise<Exit> | null = null;
  private tail = '';
  port: number;

  private constructor(private readonly options: RelayChildOptions) {
    this.port = options.port ?? 0;
  }

  static async start(options: RelayChildOptions): Promise<RelayChild> {
    const relay = new RelayChild(options);
    await relay.restart();
    return relay;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== null;
  }

  /** The last lines the process printed, for error messages. */
  get output(): string {
    return this.tail;
  }

  /** Starts the process and resolves once it prints its "listening on" line. */
  async restart(): Promise<void> {
    if (this.child) throw new Error('The relay process is already running');
    const { dataDir, databaseUrl, schema } = this.options;
    const command = this.options.command ?? ['--import', 'tsx', 'relay/cli.ts'];
    const child = spawn(process.execPath, [...(this.options.nodeArgs ?? []), ...command], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        ...this.options.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir ?? '',
        DATABASE_URL: databaseUrl ?? '',
        DATABASE_SCHEMA: schema ?? '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    live.add(child);
    this.exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    void this.exited.then(() => {
      live.delete(child);
      if (this.child === child) this.child = null;
    });
    const keep = (chunk: Buffer) => {
      this.tail = (this.tail + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
    };
    child.stderr!.on('data', keep);

    const timeoutMs = this.options.startTimeoutMs ?? 60_000;
    const url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => fail(new Error(`The relay did not start within ${timeoutMs} ms`)), timeoutMs);
      let settled = false;
      const onData = (chunk: Buffer) => {
        keep(chunk);
        if (settled) return;
        seen += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(seen);
        if (match) {
          settled = true;
          clearTimeout(timer);
          child.stdout!.off('data', onData).on('data', keep);
          resolve(match[1]!);
        }
      };
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(new Error(`${error.message}. Its output:\n${this.tail}`));
      };
      child.stdout!.on('data', onData);
      void this.exited!.then((exit) => fail(new Error(`The relay exited at start (${exit.signal ?? exit.code})`)));
    });
    this.port = Number(new URL(url).port);
  }

  /** Sends the signal (SIGKILL: no shutdown code runs at all) and waits for the process to end. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<Exit> {
    const exited = this.exited;
    if (!this.child || !exited) throw new Error('The relay process is not running');
    this.child.kill(signal);
    return exited;
  }

  /** SIGTERM (a clean shutdown) when running; nothing otherwise. */
  async stop(): Promise<void> {
    if (this.child) await this.kill('SIGTERM');
  }
}
