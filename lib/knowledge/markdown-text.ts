/**
 * Text written into Markdown so that any renderer (CommonMark, GitHub's, an editor's preview,
 * with raw HTML on) shows the very characters that were typed. A buddy's answer, name or page
 * title is not trusted: it must not become HTML, a link, an image, a heading or a list.
 * Only the characters that can start such syntax are escaped, so the file stays readable, and
 * the http(s) addresses the app itself links (lib/knowledge/links.ts) are links here too.
 */
import { splitLinks } from './links';

// Inline syntax: links and images ([ ]), code spans (`), emphasis and strikethrough (* _ ~),
// table cells (|), a heading's closing sequence (#) and the escape character itself.
const INLINE_SYNTAX = /[\\`*_~[\]|#]/g;
// What GFM and others turn into a link by themselves: "www." and a scheme's colon (xmpp:, mailto:,
// https:// outside the addresses linked on purpose). A link they made would run through the
// escapes that follow it and show them as typed.
const AUTOLINK_START = /\b(www)\.|(?<=[a-z])(:)(?=\S)/gi;
// Block syntax that only counts at the start of a line: quotes, list items, setext underlines.
const BLOCK_MARKER = /^[>+\-=]/;
// Ordered list items: "1." or "1)".
const ORDERED_MARKER = /^(\d+)([.)])/;

/** Enough for a link's text, where no renderer makes another link. */
function escapeSyntax(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(INLINE_SYNTAX, '\\$&');
}

function escapeText(text: string): string {
  return escapeSyntax(text).replace(AUTOLINK_START, (_match, www?: string) => (www ? `${www}\\.` : '\\:'));
}

function linkOrText(url: string): string {
  const destination = linkDestination(url);
  return destination ? `[${escapeSyntax(url)}](${destination})` : escapeText(url);
}

function escapeLine(line: string): string {
  // Leading blanks would make an indented code block, where escapes show as typed.
  const inline = splitLinks(line.trimStart())
    .map((part) => (typeof part === 'string' ? escapeText(part) : linkOrText(part.url)))
    .join('');
  return inline.replace(BLOCK_MARKER, '\\$&').replace(ORDERED_MARKER, '$1\\$2');
}

/** Text that may hold several lines, one escaped line each (for a quote or a note). */
export function markdownLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/).map(escapeLine);
}

/** Text for one line (a heading, a list item): line breaks become spaces so nothing starts a new block. */
export function markdownInline(text: string): string {
  return escapeLine(oneLine(text));
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

function percentEncoded(character: string): string {
  return [...new TextEncoder().encode(character)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

/** The address as a link destination, or null when it is not an http(s) or mailto address. */
function linkDestination(address: string): string | null {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return null;
  }
  if (!LINK_SCHEMES.has(url.protocol)) return null;
  // What could end the destination or start a title is percent-encoded, which every renderer keeps.
  return url.href.replace(/[\s()<>\\`"']/g, percentEncoded);
}

/** A link to an http(s) or mailto address; any other address (javascript:, data:, …) is shown as text, never linked. */
export function markdownLink(label: string, address: string): string {
  const destination = linkDestination(address);
  const text = oneLine(label || address);
  // The label is escaped without linking its own addresses: a link inside a link's text breaks both.
  if (destination) return `[${escapeSyntax(text)}](${destination})`;
  return label && label !== address ? `${markdownInline(label)} (${markdownInline(address)})` : markdownInline(address);
}
