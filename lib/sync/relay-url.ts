/** Relay addresses as people type them; kept apart so pages need not load the protocol. */

export function normalizeRelayUrl(input: string): string | null {
  try {
    const url = new URL(input.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin + url.pathname.replace(/\/+$/, '');
  } catch {
    return null;
  }
}

export function streamUrl(relayUrl: string): string {
  return `${relayUrl.replace(/^http/, 'ws')}/stream`;
}
