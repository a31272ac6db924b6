/**
 * The coordinator's page: signed in with a coordinator secret or a one-time link (HttpOnly
 * session cookie), in English and French, server-rendered with no script and no external
 * resource under a strict Content-Security-Policy; a small programme shows no figure and no name.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { pageLanguage } from '@/relay/coordinator/strings';
import { backends, fakeClock, snapshot, testRelay, useRelayDatabase, type TestRelay } from './harness';
import { ADMIN_SECRET, createProgramme, DAY, programmePair } from './programme-world';

const form = (fields: Record<string, string>, headers: Record<string, string> = {}) => ({
  method: 'POST',
  body: new URLSearchParams(fields).toString(),
  headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
});

const cookieOf = (res: Response) => /binome_coordinator=([^;]*)/.exec(res.headers.get('Set-Cookie') ?? '')?.[1] ?? '';

describe('the page’s language', () => {
  it.each([
    [undefined, 'fr-FR,fr;q=0.9,en;q=0.8', 'fr'],
    [undefined, 'en-US,en;q=0.9', 'en'],
    [undefined, 'de-DE, fr;q=0.5, en;q=0.4', 'fr'],
    [undefined, 'fr;q=0, en', 'en'],
    [undefined, undefined, 'en'],
    ['fr', 'en-US', 'fr'],
    ['en', 'fr-FR', 'en'],
    ['xx', 'fr-FR', 'fr'],
  ])('?lang=%s with Accept-Language %s is %s', (query, accept, expected) => {
    expect(pageLanguage(query, accept)).toBe(expected);
  });
});

describe.each(backends())('the coordinator page on $name', (backend) => {
  const db = useRelayDatabase(backend);
  const clock = fakeClock();
  let relay: TestRelay;
  let big: { id: string; secret: string };
  let small: { id: string; secret: string };

  beforeAll(async () => {
    relay = testRelay(db(), { now: clock.now, adminSecret: ADMIN_SECRET });
    const a = await createProgramme(relay, {
      name: 'Grand programme',
      startsAt: clock.time - DAY,
      endsAt: clock.time + 60 * DAY,
    });
    const b = await createProgramme(relay, {
      name: 'Petit programme',
      startsAt: clock.time - DAY,
      endsAt: clock.time + 60 * DAY,
    });
    big = { id: a.programme.id, secret: a.coordinatorSecret };
    small = { id: b.programme.id, secret: b.coordinatorSecret };
    for (let n = 1; n <= 5; n++) {
      const pair = await programmePair(
        relay,
        big.id,
        await relay.register(`Grand senior ${n}`),
        await relay.register(`Grand junior ${n}`),
      );
      await relay.post(pair.senior, pair.pairId, { kind: 'question' });
    }
    for (let n = 1; n <= 4; n++) {
      await programmePair(relay, small.id, await relay.register(`Petit senior ${n}`), await relay.register(`Petit junior ${n}`));
    }
  });

  async function signIn(fields: Record<string, string>) {
    return relay.app.request('/coordinator/sign-in', form(fields));
  }

  it('shows the sign-in form to a visitor, in the browser’s language, with a strict CSP and no script', async () => {
    const res = await relay.app.request('/coordinator', { headers: { 'Accept-Language': 'fr-FR,fr;q=0.9' } });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain('<label for="secret">Secret de coordination</label>');
    expect(page).toContain('<input id="secret" name="secret" type="password"');
    const csp = res.headers.get('Content-Security-Policy') ?? '';
    expect(csp).toMatch(/^default-src 'none'; style-src 'nonce-[A-Za-z0-9+/=]+';/);
    expect(csp).toContain("frame-ancestors 'none'");
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    expect(page).toContain(`<style nonce="${nonce}">`);
    expect(page).not.toMatch(/<script|\bsrc=|https?:\/\//i);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    // Under no-referrer, Chromium posts the form with `Origin: null`, which the cross-site check refuses.
    expect(res.headers.get('Referrer-Policy')).toBe('same-origin');
    expect(page).toContain('<meta name="referrer" content="same-origin">');
    const english = await (await relay.app.request('/coordinator?lang=en', { headers: { 'Accept-Language': 'fr-FR' } })).text();
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('<a href="/coordinator?lang=fr" lang="fr" hreflang="fr">Français</a>');
  });

  it('signs in with the coordinator secret: an HttpOnly, SameSite=Strict session cookie that opens the report', async () => {
    const res = await signIn({ secret: big.secret });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/coordinator?lang=en');
    const cookie = res.headers.get('Set-Cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/coordinator/);
    expect(cookie).not.toContain(big.secret);
    const page = await (
      await relay.app.request('/coordinator', { headers: { Cookie: `binome_coordinator=${cookieOf(res)}` } })
    ).text();
    expect(page).toContain('<h2>Grand programme</h2>');
    expect(page).toContain('<th scope="row">Active</th><td class="number">5</td>');
    expect(page).toContain(`href="/coordinator/programmes/${big.id}/report.csv"`);
    const csv = await relay.app.request(`/coordinator/programmes/${big.id}/report.csv`, {
      headers: { Cookie: `binome_coordinator=${cookieOf(res)}` },
    });
    expect(csv.status).toBe(200);
    const elsewhere = await relay.app.request(`/coordinator/programmes/${small.id}/report`, {
      headers: { Cookie: `binome_coordinator=${cookieOf(res)}` },
    });
    expect(elsewhere.status).toBe(403);
  });

  it('shows a programme under 5 pairs without any figure or name', async () => {
    const res = await signIn({ secret: small.secret });
    const page = await (
      await relay.app.request('/coordinator?lang=fr', { headers: { Cookie: `binome_coordinator=${cookieOf(res)}` } })
    ).text();
    expect(page).toContain('<h2>Petit programme</h2>');
    expect(page).toContain('moins de 5 binômes');
    expect(page).not.toContain('Petit senior');
    expect(page).not.toContain('Petit junior');
    expect(page).not.toContain('<table');
  });

  it.each([
    ['a wrong secret', { secret: 'A'.repeat(43) }],
    ['the operator’s secret', { secret: ADMIN_SECRET }],
    ['a device token', { secret: 'device' }],
    ['nothing', {}],
    ['an unknown link token', { token: 'B'.repeat(43) }],
  ])('refuses %s with the form again and a sentence, and changes nothing', async (_name, fields) => {
    const device = await relay.register();
    const presented = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v === 'device' ? device.token : v]));
    const before = await snapshot(db().sql);
    const res = await signIn(presented);
    expect(res.status).toBe(401);
    expect(res.headers.get('Set-Cookie')).toBeNull();
    expect(await res.text()).toContain('<p class="alert" role="alert">This secret or link does not work');
    expect(await snapshot(db().sql)).toEqual(before);
  });

  it('refuses a sign-in posted from another site’s page', async () => {
    const res = await relay.app.request(
      'http://relay.example/coordinator/sign-in',
      form({ secret: big.secret }, { Origin: 'https://evil.example', Host: 'relay.example' }),
    );
    expect(res.status).toBe(403);
    expect(res.headers.get('Set-Cookie')).toBeNull();
  });

  it('opens a one-time link without spending it; its button signs in once, and not after 15 minutes', async () => {
    const made = await relay.call('POST', `/admin/programmes/${big.id}/sign-in-links`, { token: ADMIN_SECRET });
    const token = new URL(made.body.path, 'http://relay').searchParams.get('token')!;
    for (let i = 0; i < 2; i++) {
      const opened = await relay.app.request(made.body.path);
      expect(opened.status).toBe(200);
      expect(await opened.text()).toContain(`<input type="hidden" name="token" value="${token}">`);
    }
    const first = await signIn({ token });
    expect(first.status).toBe(303);
    expect(cookieOf(first)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await signIn({ token })).status).toBe(401);

    const late = await relay.call('POST', `/admin/programmes/${big.id}/sign-in-links`, { token: ADMIN_SECRET });
    clock.time += 15 * 60 * 1000;
    expect((await signIn({ token: new URL(late.body.path, 'http://relay').searchParams.get('token')! })).status).toBe(401);
  });

  it('signs out: the session stops working at once', async () => {
    const cookie = `binome_coordinator=${cookieOf(await signIn({ secret: big.secret }))}`;
    const report = () => relay.app.request(`/coordinator/programmes/${big.id}/report`, { headers: { Cookie: cookie } });
    expect((await report()).status).toBe(200);
    const out = await relay.app.request('/coordinator/sign-out', { method: 'POST', headers: { Cookie: cookie } });
    expect(out.status).toBe(200);
    expect(out.headers.get('Set-Cookie')).toMatch(/binome_coordinator=;/);
    expect((await report()).status).toBe(401);
  });

  it('ends a session after 8 hours', async () => {
    const cookie = `binome_coordinator=${cookieOf(await signIn({ secret: big.secret }))}`;
    clock.time += 8 * 60 * 60 * 1000;
    const res = await relay.app.request(`/coordinator/programmes/${big.id}/report`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(401);
  });
});
