import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A real relay process on a loopback port, on its own PGlite data folder, restartable. */
export class RelayProcess {
  private child: ChildProcess | null = null;
  readonly dataDir = mkdtempSync(join(tmpdir(), 'binome-relay-'));
  output = '';

  private constructor(
    readonly port: number,
    /** More of the relay's environment: ADMIN_SECRET, for a test that runs the operator's command line. */
    private readonly env: Record<string, string>,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<RelayProcess> {
    const relay = new RelayProcess(await freePort(), env);
    await relay.restart();
    return relay;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async restart(): Promise<void> {
    if (this.child) throw new Error('The relay is already running');
    const child = spawn(process.execPath, ['--import', 'tsx', 'relay/cli.ts'], {
      env: { ...process.env, ...this.env, PORT: String(this.port), HOST: '127.0.0.1', DATA_DIR: this.dataDir, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    // If the test process dies first, the relay goes with it.
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    child.once('exit', () => process.off('exit', killOnExit));
    child.stdout?.on('data', (chunk) => (this.output += chunk));
    child.stderr?.on('data', (chunk) => (this.output += chunk));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`The relay exited at start:\n${this.output}`);
      try {
        if ((await fetch(`${this.url}/health`)).ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`The relay did not answer /health within 30 s:\n${this.output}`);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  /**
   * Everything the relay operator could read, for a stopped relay: every row of every
   * table as JSON, and the raw bytes of the data folder (WAL included) as text.
   */
  async storedText(): Promise<string> {
    if (this.child) throw new Error('Stop the relay before reading its database');
    const { PGlite } = await import('@electric-sql/pglite');
    const db = new PGlite(this.dataDir);
    let rows = '';
    try {
      const tables = await db.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
      );
      for (const { table_name } of tables.rows) {
        rows += JSON.stringify((await db.query(`SELECT * FROM "${table_name}"`)).rows);
      }
    } finally {
      await db.close();
    }
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? files(path) : [path];
      });
    return (
      rows +
      files(this.dataDir)
        .map((path) => readFileSync(path).toString('latin1'))
        .join('')
    );
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
