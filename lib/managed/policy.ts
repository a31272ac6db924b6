/**
 * A policy as the browser hands it over, turned into what Binôme applies. Key by key: a wrong
 * type, an unknown key or a wildcard host is named in a warning and left out, and every valid key
 * still applies; nothing here throws, so a bad policy file never stops the extension.
 */
import { normalizeRelayUrl } from '../sync/relay-url';
import { MANAGED_KEY_NAMES, MANAGED_KEYS, extraToolSchema, type ManagedKey, type ManagedPolicy } from './schema';

export interface ParsedPolicy {
  policy: ManagedPolicy;
  /** One sentence per key or entry left out, for the console of whoever deploys it. */
  problems: string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A list keeps its valid entries: one mistyped host must not switch off the rest of the company's catalogue. */
function parseList(key: 'neverOfferOn' | 'extraTools', value: unknown, problems: string[]): unknown[] | undefined {
  if (!Array.isArray(value)) {
    problems.push(`${key}: expected a list, got ${typeof value}; ignored.`);
    return undefined;
  }
  const item = key === 'extraTools' ? extraToolSchema : MANAGED_KEYS.neverOfferOn.schema.element;
  const kept = value.filter((entry, index) => {
    const ok = item.safeParse(entry).success;
    if (!ok) problems.push(`${key}[${index}]: ${JSON.stringify(entry)} is not a hostname without wildcard; ignored.`);
    return ok;
  });
  const whole = MANAGED_KEYS[key].schema.safeParse(kept);
  if (!whole.success) {
    problems.push(`${key}: too many entries; ignored.`);
    return undefined;
  }
  return whole.data;
}

export function parsePolicy(raw: unknown): ParsedPolicy {
  const problems: string[] = [];
  const policy: Record<string, unknown> = {};
  if (!isRecord(raw)) return { policy: {}, problems: raw === undefined ? [] : ['the policy is not an object; ignored.'] };
  for (const [key, value] of Object.entries(raw)) {
    if (!(MANAGED_KEY_NAMES as string[]).includes(key)) {
      problems.push(`${key}: not a Binôme setting; ignored.`);
      continue;
    }
    const name = key as ManagedKey;
    if (name === 'neverOfferOn' || name === 'extraTools') {
      const list = parseList(name, value, problems);
      if (list) policy[name] = list;
      continue;
    }
    const parsed = MANAGED_KEYS[name].schema.safeParse(value);
    if (parsed.success) policy[name] = parsed.data;
    else problems.push(`${key}: ${JSON.stringify(value)} is not valid (${parsed.error.issues[0]?.message}); ignored.`);
  }
  const valid = policy as ManagedPolicy;
  if (valid.relayUrl !== undefined) {
    const normalized = normalizeRelayUrl(valid.relayUrl);
    if (normalized) valid.relayUrl = normalized;
    else {
      problems.push(`relayUrl: ${valid.relayUrl} is not a web address; ignored.`);
      delete valid.relayUrl;
    }
  }
  if (valid.requireHttps && valid.relayUrl?.startsWith('http:')) {
    problems.push(`relayUrl: ${valid.relayUrl} is not https, which requireHttps asks for; ignored.`);
    delete valid.relayUrl;
  }
  return { policy: valid, problems };
}
