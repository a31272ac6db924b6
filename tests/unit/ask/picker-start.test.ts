/**
 * The element picker runs in the web page, where only the browser's language is at hand: whoever
 * starts it leaves it its words in the language chosen in Binôme's settings, in its isolated world.
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startPicking } from '@/lib/ask/picker-start';
import { PICKER_KEYS, PICKER_WORDS } from '@/lib/ask/picker-words';
import { speakHanded, t, type HandedMessages } from '@/lib/i18n/i18n';
import { applyLanguage } from '@/lib/i18n/language';
import en from '@/public/_locales/en/messages.json';
import fr from '@/public/_locales/fr/messages.json';
import { emptyDb } from '../helpers/db';
import { extensionFiles, speak } from '../helpers/i18n';

const TAB = 7;

type Injection = { target: { tabId: number }; files?: string[]; func?: (...args: unknown[]) => void; args?: unknown[] };

/** Starts the picker; returns the words the injections left in a page's isolated world, and the files injected. */
async function pickerStarted(): Promise<{ words: HandedMessages | undefined; files: string[] }> {
  const injections: Injection[] = [];
  Object.assign(browser.scripting, { executeScript: vi.fn(async (injection: Injection) => void injections.push(injection)) });
  await startPicking(emptyDb(), TAB);
  const isolatedWorld: Record<string, unknown> = {};
  vi.stubGlobal('window', isolatedWorld);
  for (const injection of injections) injection.func?.(...(injection.args ?? []));
  vi.unstubAllGlobals();
  expect(injections.every((injection) => injection.target.tabId === TAB)).toBe(true);
  return {
    words: isolatedWorld[PICKER_WORDS] as HandedMessages | undefined,
    files: injections.flatMap((injection) => injection.files ?? []),
  };
}

beforeEach(() => {
  fakeBrowser.reset();
  speak('en');
});

afterEach(async () => {
  speakHanded(null);
  await applyLanguage('browser');
});

it('hands the picker its words in French when French was chosen in an English browser', async () => {
  await applyLanguage('fr', extensionFiles().fetchFile);
  const { words, files } = await pickerStarted();
  expect(files).toEqual(['/picker.js']);
  expect(words?.language).toBe('fr');
  expect(Object.keys(words?.messages ?? {}).sort()).toEqual([...PICKER_KEYS].sort());
  // In the page, where the browser speaks English.
  await applyLanguage('browser');
  speakHanded(words ?? null);
  expect(t('picker_instruction')).toBe(fr.picker_instruction.message);
  expect(t('cancel')).toBe(fr.cancel.message);
});

it('hands it nothing to load when the browser’s language is the one', async () => {
  const { words } = await pickerStarted();
  expect(words).toBeNull();
  speakHanded(words ?? null);
  expect(t('picker_instruction')).toBe(en.picker_instruction.message);
});
