/** Relay addresses as people type them; kept apart so pages need not load the protocol. */

/** "binome.acme.com" has no scheme; "localhost:8787" has none either, though URL would read "localhost:" as one. */
const HAS_SCHEME = /^[a-z][a-z\d+.-]*:\/\//i;

/** This computer, which a company's server never is: the relay that `npm start` runs speaks plain HTTP there. */
function isLoopback(host: string): boolean {
  const name = host.toLowerCase();
  return name === 'localhost' || name === '[::1]' || /^127(\.\d{1,3}){3}$/.test(name);
}

/** The host (with its port) of an address typed without a scheme: what comes before the first /, ? or #. */
function hostOf(typed: string): string {
  const host = typed.split(/[/?#]/, 1)[0] ?? '';
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d*$/, '');
}

/**
 * The relay's address as it is stored, or null for what is not one. People type the company's
 * address as they read it ("binome.acme.com"): without a scheme it means https, except on this
 * computer, where it means http.
 */
export function normalizeRelayUrl(input: string): string | null {
  const typed = input.trim();
  if (!typed || /\s/.test(typed)) return null;
  let withScheme = typed;
  if (!HAS_SCHEME.test(typed)) {
    const host = hostOf(typed);
    // "/relay" or "//binome.acme.com" name no host of their own: URL would read the second as one, wrongly.
    if (!host) return null;
    withScheme = `${isLoopback(host) ? 'http' : 'https'}://${typed}`;
  }
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (!url.hostname || url.username || url.password) return null;
    return url.origin + url.pathname.replace(/\/+$/, '');
  } catch {
    return null;
  }
}

export function streamUrl(relayUrl: string): string {
  return `${relayUrl.replace(/^http/, 'ws')}/stream`;
}
