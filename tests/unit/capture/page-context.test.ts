/** What Binôme captures itself is cut to what the receiver accepts, and says so. */
import { describe, expect, it } from 'vitest';
import { pageContextSchema, type PageContext } from '@/lib/capture/page-context';
import { trimCapturedContext } from '@/lib/capture/trim-context';
import { withFound } from '@/lib/capture/capture';
import { TEXT_LIMITS } from '@/lib/conversation/text-limits';

const page: PageContext = {
  url: 'https://example.com/',
  title: 'Example',
  tool: 'example.com',
  toolName: 'example.com',
  selection: '',
};

describe('trimCapturedContext', () => {
  it('leaves a context within the limits as it is', () => {
    expect(trimCapturedContext(page)).toBe(page);
  });

  it('cuts each field over its limit and names it, so the result passes the receiver’s schema', () => {
    const long = {
      ...page,
      url: `https://example.com/?q=${'u'.repeat(TEXT_LIMITS.url)}`,
      title: 't'.repeat(TEXT_LIMITS.title * 2),
      selection: 's'.repeat(50_000),
      targetUrl: `https://example.com/${'l'.repeat(TEXT_LIMITS.url)}`,
    };
    const trimmed = trimCapturedContext(long);
    expect(trimmed.trimmed).toEqual(['url', 'title', 'selection', 'targetUrl']);
    expect(trimmed.selection).toBe('s'.repeat(TEXT_LIMITS.text));
    expect(trimmed.title).toHaveLength(TEXT_LIMITS.title);
    expect(trimmed.url.startsWith('https://example.com/?q=u')).toBe(true);
    expect(pageContextSchema.safeParse(long).success).toBe(false);
    expect(pageContextSchema.parse(trimmed)).toEqual(trimmed);
    // Applied again (the sender does, after the form), it changes nothing.
    expect(trimCapturedContext(trimmed)).toBe(trimmed);
  });

  it('never leaves half of an emoji at the cut', () => {
    const selection = `${'a'.repeat(TEXT_LIMITS.text - 1)}🦊tail`;
    const trimmed = trimCapturedContext({ ...page, selection });
    expect(trimmed.selection).toBe('a'.repeat(TEXT_LIMITS.text - 1));
    expect(trimmed.trimmed).toEqual(['selection']);
  });

  it('trims what the right-click menu found, which no capture limited', () => {
    const found = withFound(page, { selection: 'm'.repeat(50_000), targetUrl: '' });
    expect(found).toMatchObject({ selection: 'm'.repeat(TEXT_LIMITS.text), trimmed: ['selection'] });
  });
});
