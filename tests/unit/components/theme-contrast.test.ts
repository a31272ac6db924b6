/**
 * The colour tokens of components/theme.css, light and dark, against WCAG 2.2 AA: text 4.5:1 on
 * what it is drawn on, control borders and the focus ring 3:1 against the page (1.4.11).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('../../../components/theme.css', import.meta.url), 'utf8');

/** The custom properties declared in the first block after `marker`. */
function tokensAfter(marker: string): Record<string, string> {
  const start = css.indexOf(marker);
  if (start < 0) throw new Error(`No ${marker} in theme.css`);
  // The light marker sits inside the first `:root` block: read from it, not from the next block (the dark one).
  const open = marker.startsWith('@media') ? css.indexOf(':root {', start) : start;
  const block = css.slice(open, css.indexOf('}', open));
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1]!, m[2]!]));
}

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((index) => Number.parseInt(hex.slice(index, index + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

const light = tokensAfter('/* Colours, light theme. */');
// The dark theme overrides some tokens; the rest are the light ones.
const dark = { ...light, ...tokensAfter('@media (prefers-color-scheme: dark)') };

/** [foreground, background, minimum, where it is used]. */
const PAIRS: [string, string, number, string][] = [
  ['text', 'bg', 4.5, 'body text'],
  ['muted', 'bg', 4.5, 'hints, dates, authors'],
  ['danger', 'bg', 4.5, 'errors, queued status, the remove buttons'],
  ['accent', 'bg', 4.5, 'the "new" mark, the selected tab'],
  ['link', 'bg', 4.5, 'links and link buttons'],
  ['mark-text', 'mark', 4.5, 'the numbers of the marks on a helper’s picture'],
  ['accent-text', 'accent', 4.5, 'the primary button'],
  ['focus', 'bg', 3, 'the focus ring'],
  ['control-border', 'bg', 3, 'the edge of fields and buttons'],
];

for (const [theme, tokens] of [
  ['light', light],
  ['dark', dark],
] as const) {
  describe(`the ${theme} theme`, () => {
    it.each(PAIRS)('%s on %s reaches %s:1 (%s)', (foreground, background, minimum) => {
      expect(tokens[foreground], `--${foreground}`).toBeDefined();
      expect(tokens[background], `--${background}`).toBeDefined();
      expect(contrast(tokens[foreground]!, tokens[background]!)).toBeGreaterThanOrEqual(minimum);
    });
  });
}
