/** The popup's footer links are two items a reader (or a screen reader) tells apart. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { PopupFooter } from '@/entrypoints/popup/PopupFooter';
import { pageToRenderIn, show, unmountShown } from '../helpers/dom';
import { speak } from '../helpers/i18n';

let container: HTMLElement;

beforeEach(() => {
  container = pageToRenderIn();
});

afterEach(unmountShown);

it.each([
  ['en', ['Open my full knowledge log', 'Settings']],
  ['fr', ['Ouvrir tout mon journal des connaissances', 'Réglages']],
] as const)('lists the full log and the settings as separate links (%s)', async (language, links) => {
  speak(language);
  await show(<PopupFooter />);
  const items = [...container.querySelectorAll('footer ul > li')];
  expect(items.map((item) => item.textContent)).toEqual(links);
  for (const item of items) expect(item.querySelectorAll('button')).toHaveLength(1);
});
