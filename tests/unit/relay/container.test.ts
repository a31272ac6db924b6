/**
 * The Dockerfile's relay, without Docker (not available here): its CMD, with its ENV, run by this
 * machine's node from the repository root (the image's WORKDIR holds the same files), answers
 * /health and /.well-known/binome; its HEALTHCHECK command passes against it; SIGTERM ends it
 * cleanly; every line it logs is JSON. The systemd unit runs the same command.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthResponse } from '@/lib/protocol/protocol';
import { wellKnownResponse } from '@/lib/protocol/well-known';
import { RelayChild } from './relay-child';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');

/** The Dockerfile's instructions, continuation lines joined. */
function instructions(dockerfile: string): { name: string; args: string }[] {
  return dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [name, ...rest] = line.split(/\s+/);
      return { name: name!.toUpperCase(), args: rest.join(' ') };
    });
}

/** The final stage only: what the image runs. */
function finalStage(dockerfile: string) {
  const all = instructions(dockerfile);
  const lastFrom = all.map((i) => i.name).lastIndexOf('FROM');
  return all.slice(lastFrom);
}

/** `ENV A=1 B=2` lines as one record. */
function envOf(stage: { name: string; args: string }[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { args } of stage.filter((i) => i.name === 'ENV')) {
    for (const [, key, value] of args.matchAll(/(\w+)=(\S+)/g)) env[key!] = value!;
  }
  return env;
}

const execForm = (args: string): string[] => {
  const parsed: unknown = JSON.parse(args);
  if (!Array.isArray(parsed) || parsed.some((part) => typeof part !== 'string')) throw new Error(`Not an exec form: ${args}`);
  return parsed as string[];
};

const stage = finalStage(read('Dockerfile'));
const cmd = execForm(stage.find((i) => i.name === 'CMD')!.args);
const healthcheck = execForm(stage.find((i) => i.name === 'HEALTHCHECK')!.args.replace(/^.*?CMD\s+/, ''));
const imageEnv = envOf(stage);

describe('the Dockerfile', () => {
  it('builds in stages and runs as an unprivileged user, with its data in a volume', () => {
    const dockerfile = read('Dockerfile');
    expect(instructions(dockerfile).filter((i) => i.name === 'FROM').length).toBeGreaterThanOrEqual(2);
    expect(stage.find((i) => i.name === 'USER')?.args).toBe('node');
    expect(stage.find((i) => i.name === 'VOLUME')?.args).toBe(imageEnv.DATA_DIR);
    expect(cmd[0]).toBe('node');
    expect(healthcheck[0]).toBe('node');
  });

  it('runs the same command as the systemd unit', () => {
    const execStart = /^ExecStart=(\S+) (.*)$/m.exec(read('deploy/relay/binome-relay.service'))!;
    expect(execStart[1]).toMatch(/\/node$/);
    expect(execStart[2]!.split(' ')).toEqual(cmd.slice(1));
  });
});

describe('the relay as the image runs it', () => {
  let relay: RelayChild;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'binome-image-'));
    relay = await RelayChild.start({
      command: cmd.slice(1),
      // The image's environment, but on loopback, a free port and a throw-away data folder.
      env: { ...imageEnv, DATA_DIR: dataDir },
      dataDir,
    });
  });
  afterAll(async () => {
    await relay?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers /health and /.well-known/binome', async () => {
    const health = await fetch(`${relay.url}/health`);
    expect(health.status).toBe(200);
    expect(healthResponse.parse(await health.json())).toMatchObject({ ok: true, database: 'pglite' });
    const wellKnown = await fetch(`${relay.url}/.well-known/binome`);
    expect(wellKnownResponse.parse(await wellKnown.json()).version).toBe(JSON.parse(read('package.json')).version);
  });

  it('passes its own HEALTHCHECK', () => {
    const check = spawnSync(process.execPath, healthcheck.slice(1), { env: { PORT: String(relay.port) }, timeout: 20_000 });
    expect(check.status).toBe(0);
    const down = spawnSync(process.execPath, healthcheck.slice(1), { env: { PORT: '1' }, timeout: 20_000 });
    expect(down.status).toBe(1);
  });

  it('logs JSON lines only, and stops cleanly on SIGTERM', async () => {
    await fetch(`${relay.url}/health`);
    const exit = await relay.kill('SIGTERM');
    expect(exit.code).toBe(0);
    const lines = relay.output.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ time: expect.any(String), level: expect.any(String) });
  });
});
