/**
 * The address pattern of a recorded step: the page's origin and path, with what differs from
 * one person to the next (record ids, numbers, tokens) replaced by `*`. The query and the
 * fragment are dropped: they hold searches, sessions and tracking, rarely where one is.
 */
import { WALKTHROUGH_LIMITS } from './limits';

/** A whole path segment that names a record rather than a place. */
const ID_SEGMENTS = [
  /^\d+$/, // 12345
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, // a UUID
  /^[0-9a-f]{8,}$/i, // a hash or an object id (only hex digits, and long)
];

/** Letters and digits interleaved, long: a generated token ("a8Fk29xQ0zL"), not a word ("v2", "office365"). */
function looksGenerated(segment: string): boolean {
  if (segment.length < 10 || !/^[A-Za-z0-9]+$/.test(segment)) return false;
  const switches = segment.match(/[A-Za-z](?=\d)|\d(?=[A-Za-z])/g)?.length ?? 0;
  return switches >= 3;
}

function patternOfSegment(segment: string): string {
  if (segment === '') return segment;
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // A malformed escape: judged as written.
  }
  if (ID_SEGMENTS.some((pattern) => pattern.test(decoded)) || looksGenerated(decoded)) return '*';
  // "invoice-20931" and "urn:li:activity:7123456789": the word stays, the number goes.
  return segment.replace(/\d{4,}/g, '*');
}

/** `https://app.example.com/invoices/20931/edit?tab=2` → `https://app.example.com/invoices/*\/edit`. */
export function urlPattern(address: string): string {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return '';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return '';
  const path = url.pathname.split('/').map(patternOfSegment).join('/');
  return `${url.origin}${path}`.slice(0, WALKTHROUGH_LIMITS.url);
}
