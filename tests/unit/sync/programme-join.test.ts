/**
 * Bulk pairing end to end against a real relay over HTTP: the operator's command line creates a
 * programme and imports a CSV (a dry run with problems first, which changes nothing), then two
 * browsers join with the personal codes it printed. The pair forms only when both joined, its
 * keys are exchanged by the browsers (SPAKE2 over the pair secret the relay never saw), both show
 * the same safety numbers, and the pair belongs to the programme. A relay that swaps a key, or a
 * buddy with a wrong pair secret, ends in a failed pairing, never in a pair.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '@/lib/db/db';
import { exportPublicKey, generateDeviceKeys } from '@/lib/trust/crypto';
import { RelayClient } from '@/lib/sync/relay-client';
import { joinProgramme } from '@/lib/sync/programme-join';
import { PROGRAMME_READ_EVERY_MS, programmeRelayClient } from '@/lib/sync/programme-relay-client';
import { refreshProgrammes } from '@/lib/programme/programme-relay';
import { syncAll } from '@/lib/sync/sync';
import type { SyncDeps } from '@/lib/sync/deps';
import { safetyNumber } from '@/lib/trust/safety-number';
import { runAdmin } from '@/relay/admin';
import { startRelay, type RunningRelay } from '@/relay/server';
import { emptyDb } from '../helpers/db';

const ADMIN_SECRET = 'operator-secret-0123456789abcdef';
type Rewrite = (path: string, body: any) => any;

function browser(relayUrl: () => string, rewrite: Rewrite = (_p, body) => body) {
  const db = emptyDb();
  const fetchThroughRelay: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (!response.ok || response.status === 204) return response;
    const body = rewrite(new URL(String(input)).pathname, await response.json());
    return new Response(JSON.stringify(body), { status: response.status, headers: { 'content-type': 'application/json' } });
  };
  const deps: SyncDeps = {
    db,
    client: (identity: Identity) => new RelayClient(identity.relayUrl, identity.token, fetchThroughRelay),
    now: Date.now,
  };
  return { db, deps, request: (displayName: string) => ({ relayUrl: relayUrl(), displayName }) };
}

describe('joining a programme with personal codes from a CSV', () => {
  let relay: RunningRelay;
  let dir: string;
  let programmeId: string;
  const env = () => ({ ADMIN_SECRET, RELAY_URL: relay.url });

  async function admin(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const status = await runAdmin(
      argv,
      env(),
      (t) => out.push(t),
      (t) => err.push(t),
    );
    return { status, out: out.join('\n'), err: err.join('\n') };
  }

  beforeAll(async () => {
    relay = await startRelay({ port: 0, log: () => {}, adminSecret: ADMIN_SECRET });
    dir = await mkdtemp(join(tmpdir(), 'binome-import-'));
    const year = new Date().getUTCFullYear();
    const created = await admin(
      'programme',
      'create',
      '--name',
      'Buddies',
      '--start',
      `${year - 1}-01-04`,
      '--end',
      `${year + 1}-06-30`,
      '--json',
    );
    expect(created.status, created.err).toBe(0);
    programmeId = JSON.parse(created.out).programme.id;
  });
  afterAll(async () => {
    await relay?.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function importCodes(lines: string[]) {
    const file = join(dir, `${crypto.randomUUID()}.csv`);
    await writeFile(file, ['senior name,senior email,junior name,junior email', ...lines].join('\r\n'));
    const imported = await admin('programme', 'import', programmeId, file, '--json');
    expect(imported.status, imported.err).toBe(0);
    return JSON.parse(imported.out).codes as { name: string; email: string; code: string }[];
  }

  it('lists every problem of a bad file by line in the dry run, and imports nothing', async () => {
    const file = join(dir, 'bad.csv');
    await writeFile(
      file,
      [
        'senior name;senior e-mail;junior name;junior e-mail',
        'Anne;anne@example.com;Hugo;hugo@example.com',
        'Anne;anne@example.com;Hugo;hugo@example.com',
        ';not-an-address;Léa;lea@example.com',
        'Zoé;zoe@example.com;Zoé;zoe@example.com',
      ].join('\n'),
    );
    const dry = await admin('programme', 'import', programmeId, file, '--dry-run');
    expect(dry.status).toBe(1);
    expect(dry.err.split('\n')).toEqual([
      `Nothing was imported: ${file} has 4 problems.`,
      'line 3: anne@example.com and hugo@example.com are already paired on line 2.',
      'line 4: The senior name is missing.',
      'line 4: The senior e-mail “not-an-address” is not an e-mail address.',
      'line 5: The same person (zoe@example.com) is both the senior and the junior of this pair.',
    ]);
    const listed = await admin('programme', 'list', '--json');
    expect(JSON.parse(listed.out).programmes[0]).toMatchObject({ id: programmeId, plannedPairs: 0 });
  });

  it('refuses a file over 1 MB before sending it', async () => {
    const file = join(dir, 'huge.csv');
    await writeFile(file, 'x'.repeat(1024 * 1024 + 1));
    const res = await admin('programme', 'import', programmeId, file);
    expect(res.status).toBe(1);
    expect(res.err).toMatch(/larger than 1 MB/);
  });

  it('pairs the two browsers once both joined, with the same safety numbers, in the programme', async () => {
    const codes = await importCodes(['Anne Martin,anne@example.com,Hugo Petit,hugo@example.com']);
    expect(codes.map((c) => [c.name, c.email])).toEqual([
      ['Anne Martin', 'anne@example.com'],
      ['Hugo Petit', 'hugo@example.com'],
    ]);
    expect(codes[0]!.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{5}$/);
    // Both codes end in the same pair secret; the slot parts differ.
    expect(codes[0]!.code.slice(-5)).toBe(codes[1]!.code.slice(-5));
    expect(codes[0]!.code.slice(0, 14)).not.toBe(codes[1]!.code.slice(0, 14));

    const anne = browser(() => relay.url);
    const hugo = browser(() => relay.url);
    const anneJoin = await joinProgramme(anne.deps, { ...anne.request('Anne'), code: codes[0]!.code.toLowerCase() });
    // While she waits she is told whom for: the name on the coordinator's CSV, until Hugo's browser gives his.
    expect(anneJoin).toMatchObject({ side: 'inviter', status: 'waiting', myRole: 'learner', peerName: 'Hugo Petit' });
    await syncAll(anne.deps);
    expect(await anne.db.pairs.count()).toBe(0); // not before the buddy joined

    const hugoJoin = await joinProgramme(hugo.deps, { ...hugo.request('Hugo'), code: codes[1]!.code });
    expect(hugoJoin).toMatchObject({ side: 'accepter', myRole: 'helper' });
    await syncAll(anne.deps);
    await syncAll(hugo.deps);
    const [annePair] = await anne.db.pairs.toArray();
    const [hugoPair] = await hugo.db.pairs.toArray();
    expect(annePair).toMatchObject({ peerName: 'Hugo', myRole: 'learner', peerPublicKey: hugoPair!.myPublicKey });
    expect(hugoPair).toMatchObject({ peerName: 'Anne', myRole: 'helper', peerPublicKey: annePair!.myPublicKey });
    const anneId = (await anne.db.identities.toArray())[0]!.deviceId;
    expect(await safetyNumber(hugoPair!.peerPublicKey!, hugoPair!.peerDeviceId)).toBe(
      await safetyNumber(annePair!.myPublicKey, anneId),
    );

    const hugoIdentity = (await hugo.db.identities.toArray())[0]!;
    const programme = await new RelayClient(relay.url, hugoIdentity.token).pairProgramme(hugoPair!.pairId);
    expect(programme.programme).toMatchObject({ id: programmeId, name: 'Buddies' });
    // What the background's programme round learns through lib/programme's seam, and records.
    let clock = Date.now();
    let reads = 0;
    const counted: SyncDeps['client'] = (identity) => {
      const relayClient = hugo.deps.client(identity);
      const read = relayClient.pairProgramme.bind(relayClient);
      relayClient.pairProgramme = (pairId) => {
        reads++;
        return read(pairId);
      };
      return relayClient;
    };
    const programmeRelay = programmeRelayClient(hugo.db, counted, () => clock);
    await refreshProgrammes(hugo.db, programmeRelay);
    // Read again at the next rounds only once an hour has passed, not at each round.
    await refreshProgrammes(hugo.db, programmeRelay);
    expect(reads).toBe(1);
    clock += PROGRAMME_READ_EVERY_MS;
    await refreshProgrammes(hugo.db, programmeRelay);
    expect(reads).toBe(2);
    expect(await hugo.db.pairProgrammes.get(hugoPair!.pairId)).toEqual({
      pairId: hugoPair!.pairId,
      name: 'Buddies',
      startsAt: programme.programme!.startsAt,
      endsAt: programme.endsAt ?? programme.programme!.endsAt,
    });

    // A code works once: a third browser typing Hugo's code is refused.
    const intruder = browser(() => relay.url);
    await expect(joinProgramme(intruder.deps, { ...intruder.request('Mallory'), code: codes[1]!.code })).rejects.toMatchObject({
      code: 'invite_used',
    });
  });

  it('a relay that swaps the first joiner’s key is caught: pairing fails on both sides, no pair is recorded', async () => {
    const codes = await importCodes(['Chloé,chloe@example.com,Karim,karim@example.com']);
    const relayKey = await exportPublicKey((await generateDeviceKeys()).publicKey);
    const chloe = browser(() => relay.url);
    const karim = browser(
      () => relay.url,
      (path, body) =>
        path === '/programme-joins/lookup' && body.buddy
          ? { ...body, buddy: { ...body.buddy, device: { ...body.buddy.device, publicKey: relayKey } } }
          : body,
    );
    await joinProgramme(chloe.deps, { ...chloe.request('Chloé'), code: codes[0]!.code });
    await joinProgramme(karim.deps, { ...karim.request('Karim'), code: codes[1]!.code });
    await syncAll(chloe.deps);
    await syncAll(karim.deps);
    expect(await chloe.db.pairs.count()).toBe(0);
    expect(await karim.db.pairs.count()).toBe(0);
    expect((await chloe.db.pairings.toArray()).map((p) => p.status)).toEqual(['failed']);
    expect((await karim.db.pairings.toArray()).map((p) => p.status)).toEqual(['failed']);
  });

  it('a buddy whose pair secret differs (a mistyped last group) ends in a failed pairing, not a pair', async () => {
    const codes = await importCodes(['Inès,ines@example.com,Paul,paul@example.com']);
    const ines = browser(() => relay.url);
    const paul = browser(() => relay.url);
    const wrongSecret = codes[1]!.code.slice(0, -1) + (codes[1]!.code.endsWith('A') ? 'B' : 'A');
    await joinProgramme(ines.deps, { ...ines.request('Inès'), code: codes[0]!.code });
    await joinProgramme(paul.deps, { ...paul.request('Paul'), code: wrongSecret });
    await syncAll(ines.deps);
    await syncAll(paul.deps);
    expect(await ines.db.pairs.count()).toBe(0);
    expect(await paul.db.pairs.count()).toBe(0);
  });

  it('writes the codes to --out, readable by its owner only, and never overwrites a file', async () => {
    const file = join(dir, 'out.csv');
    await writeFile(file, 'senior name,senior email,junior name,junior email\nMia,mia@example.com,Noé,noe@example.com\n');
    const out = join(dir, 'codes.csv');
    const res = await admin('programme', 'import', programmeId, file, '--out', out);
    expect(res.status, res.err).toBe(0);
    const written = (await readFile(out, 'utf8')).trimEnd().split('\r\n');
    expect(written[0]).toBe('name,email,code');
    expect(written.slice(1).map((line) => line.split(',').slice(0, 2))).toEqual([
      ['Mia', 'mia@example.com'],
      ['Noé', 'noe@example.com'],
    ]);
  });
});
