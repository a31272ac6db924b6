import { describe, expect, it } from 'vitest';
import { normalizeRelayUrl } from '@/lib/sync/relay-url';

describe('a relay address as people type it', () => {
  it.each([
    ['binome.acme.com', 'https://binome.acme.com'],
    ['  binome.acme.com/  ', 'https://binome.acme.com'],
    ['binome.acme.com:8443/relay/', 'https://binome.acme.com:8443/relay'],
    ['BINOME.Acme.com', 'https://binome.acme.com'],
    ['127.0.0.1:8787', 'http://127.0.0.1:8787'],
    ['localhost:8787', 'http://localhost:8787'],
    ['localhost', 'http://localhost'],
    ['[::1]:8787', 'http://[::1]:8787'],
  ])('understands %j without a scheme as %j', (typed, stored) => {
    expect(normalizeRelayUrl(typed)).toBe(stored);
  });

  it.each([
    ['https://binome.acme.com/', 'https://binome.acme.com'],
    ['http://127.0.0.1:8787', 'http://127.0.0.1:8787'],
    ['HTTPS://binome.acme.com', 'https://binome.acme.com'],
    // A scheme the person typed is kept, even plain http to a company host.
    ['http://binome.intranet', 'http://binome.intranet'],
  ])('keeps the scheme of %j', (typed, stored) => {
    expect(normalizeRelayUrl(typed)).toBe(stored);
  });

  it.each([
    [''],
    ['   '],
    ['binome acme.com'],
    ['https://binome acme.com'],
    ['ftp://binome.acme.com'],
    ['ws://binome.acme.com'],
    ['javascript:alert(1)'],
    ['https://'],
    ['http://:8787'],
    ['//binome.acme.com'],
    ['https://user:secret@binome.acme.com'],
  ])('refuses %j', (typed) => {
    expect(normalizeRelayUrl(typed)).toBeNull();
  });
});
