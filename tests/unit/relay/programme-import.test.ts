/**
 * The CSV import's checks through the relay's route: every problem with its line, a file too long
 * refused early, and a real run refused while any problem remains; none of it changes anything.
 */
import { describe, expect, it } from 'vitest';
import { backends, fakeClock, snapshot, testRelay, useRelayDatabase } from './harness';
import { ADMIN_SECRET, createProgramme } from './programme-world';

const HEADER = 'senior name,senior email,junior name,junior email,start,end';

describe.each(backends())('importing a programme’s CSV on $name', (backend) => {
  const db = useRelayDatabase(backend);

  async function setUp() {
    const clock = fakeClock(Date.parse('2027-01-01T00:00:00Z'));
    const relay = testRelay(db(), { now: clock.now, adminSecret: ADMIN_SECRET });
    const { programme, coordinatorSecret } = await createProgramme(relay, {
      startsAt: Date.parse('2027-01-04T00:00:00Z'),
      endsAt: Date.parse('2027-07-01T00:00:00Z'),
      maxSeniorsPerJunior: 2,
    });
    const send = (csv: string, dryRun: boolean) =>
      relay.call('POST', `/coordinator/programmes/${programme.id}/imports${dryRun ? '?dryRun=true' : ''}`, {
        body: csv,
        headers: { Authorization: `Bearer ${coordinatorSecret}`, 'Content-Type': 'text/csv' },
      });
    return { send };
  }

  it('lists seniors over the limit and dates outside the programme, each by line, and changes nothing', async () => {
    const { send } = await setUp();
    const csv = [
      HEADER,
      'Anne,anne@example.com,Hugo,hugo@example.com,2027-01-04,2027-06-30',
      'Bea,bea@example.com,Hugo,HUGO@example.com,,',
      'Carl,carl@example.com,Hugo,hugo@example.com,,',
      'Dora,dora@example.com,Eli,eli@example.com,2026-12-01,2027-08-01',
      'Finn,finn@example.com,Gus,gus@example.com,2027-03-01,2027-02-01',
      'Ida,ida@example.com,Jo,jo@example.com,01/03/2027,',
    ].join('\n');
    const before = await snapshot(db().sql);
    const dry = await send(csv, true);
    expect(dry.status).toBe(200);
    expect(dry.body).toEqual({
      dryRun: true,
      pairs: 2,
      problems: [
        { line: 4, message: 'hugo@example.com would have 3 seniors; this programme allows at most 2.' },
        { line: 5, message: 'The start 2026-12-01 is outside the programme’s dates.' },
        { line: 5, message: 'The end 2027-08-01 is outside the programme’s dates.' },
        { line: 6, message: 'The end 2027-02-01 comes before the start 2027-03-01.' },
        { line: 7, message: 'The start “01/03/2027” is not a day written as 2027-01-04.' },
      ],
    });
    const real = await send(csv, false);
    expect(real.status).toBe(400);
    expect(real.body.error.message).toBe(
      'Nothing was imported: the file has 5 problems. Run the dry run, fix each line it lists, then import again.',
    );
    expect(real.body.problems).toHaveLength(5);
    expect(await snapshot(db().sql)).toEqual(before);
  });

  it('refuses a header it does not know, naming what it expects', async () => {
    const { send } = await setUp();
    const res = await send('name,mail\nAnne,anne@example.com\n', true);
    expect(res.body.problems[0]).toEqual({
      line: 1,
      message:
        'Column 1 (“name”) is not one of: senior name, senior email, junior name, junior email, and optionally start, end.',
    });
  });

  it('refuses 2,001 junk rows early, and over 1 MB before reading, with a sentence; nothing changes', async () => {
    const { send } = await setUp();
    const before = await snapshot(db().sql);
    const junk = [HEADER, ...Array.from({ length: 2001 }, (_, i) => `junk ${i},x,y,z`)].join('\n');
    const long = await send(junk, true);
    expect(long.status).toBe(413);
    expect(long.body.error.message).toMatch(/more than 2000 lines.*Split it/);
    const huge = await send(`${HEADER}\n${'x'.repeat(1024 * 1024)}`, true);
    expect(huge.status).toBe(413);
    expect(huge.body.error.message).toMatch(/larger than 1 MB/);
    expect(await snapshot(db().sql)).toEqual(before);
  });

  it('plans one pair a line, answers slot codes once, keeps only their hashes and no e-mail address', async () => {
    const { send } = await setUp();
    const res = await send(`${HEADER}\nAnne,anne@example.com,Hugo,hugo@example.com,,\n`, false);
    expect(res.status).toBe(201);
    const [pair] = res.body.pairs;
    expect(pair.senior.slotCode).toMatch(/^[A-Z2-9]{12}$/);
    const stored = JSON.stringify(await db().sql.query('SELECT * FROM programme_slots'));
    expect(stored).not.toContain(pair.senior.slotCode);
    expect(stored).not.toContain('anne@example.com');
    const again = await send(`${HEADER}\nAnne,anne@example.com,Hugo,hugo@example.com,,\n`, true);
    expect(again.body.problems).toEqual([
      { line: 2, message: 'anne@example.com and hugo@example.com are already a pair of this programme.' },
    ]);
  });
});
