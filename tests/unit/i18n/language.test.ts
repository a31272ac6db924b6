/**
 * The language chosen in the settings, over the browser's: `t()` reads the chosen language's own
 * messages.json (browser.i18n cannot switch), counts and times follow it, a missing key falls
 * back to English, and the browser's language costs no file at all.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import en from '@/public/_locales/en/messages.json';
import fr from '@/public/_locales/fr/messages.json';
import { t, tCount, uiLanguage } from '@/lib/i18n/i18n';
import { applyLanguage, languageApplied } from '@/lib/i18n/language';
import { exactTime, relativeTime } from '@/lib/i18n/time';
import { extensionFiles, speak } from '../helpers/i18n';

beforeEach(() => speak('en'));
afterEach(async () => {
  await applyLanguage('browser');
});

describe('a language chosen over the browser’s', () => {
  it('speaks French in an English browser, counts and all', async () => {
    const { fetchFile, asked } = extensionFiles();
    expect(await applyLanguage('fr', fetchFile)).toBe('fr');
    expect(asked).toEqual([expect.stringMatching(/\/_locales\/fr\/messages\.json$/)]);
    expect(uiLanguage()).toBe('fr');
    expect(t('options_title')).toBe(fr.options_title.message);
    expect(t('notify_answer', 'Karim')).toBe(fr.notify_answer.message.replace('$1', 'Karim'));
    // French says "0 question", English "0 questions".
    expect(tCount('count_questions', 0)).toBe('0 question');
    expect(tCount('count_questions', 2)).toBe('2 questions');
    expect(tCount('count_questions', 1500)).toBe('1\u202f500 questions');
  });

  it('gives times in the chosen language', async () => {
    await applyLanguage('fr', extensionFiles().fetchFile);
    const now = new Date(2026, 2, 12, 14, 5).getTime();
    expect(relativeTime(now - 2 * 3_600_000, now, uiLanguage())).toBe('il y a 2 heures');
    expect(exactTime(now, uiLanguage())).toBe('12 mars 2026 à 14:05');
  });

  it('fills named placeholders as the browser does', async () => {
    await applyLanguage('fr', extensionFiles().fetchFile);
    expect(t('ask_panel_sent', 'Karim')).toBe(fr.ask_panel_sent.message.replace('$NAME$', 'Karim'));
    expect(t('ask_panel_sent', 'Karim')).toContain('Karim');
  });

  it('falls back to English for a key the chosen language lacks', async () => {
    const { options_title: _missing, ...frenchWithoutTitle } = fr;
    await applyLanguage('fr', extensionFiles({ fr: frenchWithoutTitle }).fetchFile);
    expect(t('options_title')).toBe(en.options_title.message);
    expect(t('pairing_create')).toBe(fr.pairing_create.message);
  });

  it('speaks English in a French browser', async () => {
    speak('fr');
    await applyLanguage('en', extensionFiles().fetchFile);
    expect(uiLanguage()).toBe('en');
    expect(t('options_title')).toBe(en.options_title.message);
    expect(tCount('count_questions', 0)).toBe('0 questions');
  });

  it('reads each file once, however often the person switches', async () => {
    const { fetchFile, asked } = extensionFiles();
    await applyLanguage('fr', fetchFile);
    await applyLanguage('browser', fetchFile);
    await applyLanguage('fr', fetchFile);
    expect(asked.filter((url) => url.includes('/fr/'))).toHaveLength(1);
  });

  it('of two quick choices, keeps the later one even when the earlier file arrives last', async () => {
    let deliver!: () => void;
    const arrived = new Promise<void>((resolve) => (deliver = resolve));
    const slowFrench = (async () => {
      await arrived;
      return Response.json(fr);
    }) as unknown as typeof fetch;
    const first = applyLanguage('fr', slowFrench);
    const second = applyLanguage('browser');
    deliver();
    await Promise.all([first, second]);
    expect(uiLanguage()).toBe('en');
    expect(t('options_title')).toBe(en.options_title.message);
  });
});

describe('the browser’s language', () => {
  it('costs no file, and switching back to it speaks the browser’s language again', async () => {
    const { fetchFile, asked } = extensionFiles();
    await applyLanguage('fr', fetchFile);
    asked.length = 0;
    expect(await applyLanguage('browser', fetchFile)).toBe('en');
    expect(t('options_title')).toBe(en.options_title.message);
    expect(uiLanguage()).toBe('en');
    // Choosing the language the browser speaks anyway reads nothing either.
    await applyLanguage('en', fetchFile);
    expect(asked).toEqual([]);
  });

  it('stays when the chosen file cannot be read: a page in the other language, not no page', async () => {
    await applyLanguage('fr', extensionFiles({}).fetchFile);
    expect(uiLanguage()).toBe('en');
    expect(t('options_title')).toBe(en.options_title.message);
  });

  it('is what a choice that cannot be read gives, and languageApplied waits for it', async () => {
    const fetchFile = extensionFiles().fetchFile;
    void applyLanguage(Promise.reject(new Error('database closed')), fetchFile);
    expect(await languageApplied()).toBe('en');
    void applyLanguage(Promise.resolve('fr'), fetchFile);
    expect(await languageApplied()).toBe('fr');
  });
});
