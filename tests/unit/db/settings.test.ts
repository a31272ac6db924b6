/**
 * Settings are declared once (lib/db/settings.ts): rows written by earlier versions read the
 * same, and a row that does not parse gives the default instead of breaking a page.
 */
import { describe, expect, it } from 'vitest';
import {
  clear,
  DEFAULT_PROFILE,
  defineSetting,
  noScreenshotSitesSetting,
  pendingAskSetting,
  pendingPickSetting,
  profileSetting,
  read,
  readProfile,
  write,
} from '@/lib/db/settings';
import { screenshotWanted } from '@/lib/capture/screenshot-choice';
import { takeExpectedPick, takePendingAsk } from '@/lib/ask/pending-ask';
import { emptyDb } from '../helpers/db';
import { z } from 'zod';

describe('typed settings', () => {
  it('reads rows exactly as earlier versions wrote them, under the same keys', async () => {
    const db = emptyDb();
    await db.settings.bulkPut([
      { key: 'profile', value: { displayName: 'Anne', relayUrl: 'https://relay.example' } },
      { key: 'noScreenshotSites', value: ['intranet.example'] },
      { key: 'pendingAsk', value: { tabId: 5, selection: 'Tableau', targetUrl: '', at: 1000 } },
      { key: 'pendingPick', value: { tabId: 7, at: 1000 } },
    ]);
    expect(await readProfile(db)).toEqual({ displayName: 'Anne', relayUrl: 'https://relay.example' });
    expect(await read(db, noScreenshotSitesSetting)).toEqual(['intranet.example']);
    expect(await screenshotWanted(db, 'intranet.example')).toBe(false);
    expect(await takeExpectedPick(db, 7, 2000)).toBe(true);
    expect(await takePendingAsk(db, 2000)).toEqual({ tabId: 5, selection: 'Tableau', targetUrl: '', at: 1000 });
  });

  it('fills a field missing from a stored profile with its default, as the old merge did', async () => {
    const db = emptyDb();
    await db.settings.put({ key: 'profile', value: { displayName: 'Anne' } });
    expect(await readProfile(db)).toEqual({ displayName: 'Anne', relayUrl: DEFAULT_PROFILE.relayUrl });
  });

  it.each([
    ['profile', { displayName: 42, relayUrl: ['x'] }, profileSetting, DEFAULT_PROFILE],
    ['profile', 'Anne', profileSetting, DEFAULT_PROFILE],
    ['noScreenshotSites', 'intranet.example', noScreenshotSitesSetting, []],
    ['noScreenshotSites', [1, 2], noScreenshotSitesSetting, []],
    ['pendingAsk', { tabId: '5', selection: null }, pendingAskSetting, null],
    ['pendingPick', { tabId: 7 }, pendingPickSetting, null],
  ] as const)('gives the default for a %s row that does not parse (%j)', async (key, value, setting, fallback) => {
    const db = emptyDb();
    await db.settings.put({ key, value });
    expect(await read(db, setting as never)).toEqual(fallback);
  });

  it('gives the default for nothing stored, and again after clear', async () => {
    const db = emptyDb();
    expect(await readProfile(db)).toEqual(DEFAULT_PROFILE);
    await write(db, noScreenshotSitesSetting, ['a.example']);
    expect(await read(db, noScreenshotSitesSetting)).toEqual(['a.example']);
    await clear(db, noScreenshotSitesSetting);
    expect(await read(db, noScreenshotSitesSetting)).toEqual([]);
    expect(await db.settings.count()).toBe(0);
  });

  it('refuses to write what it could not read back, and keeps the stored value', async () => {
    const db = emptyDb();
    const level = defineSetting('level', z.number().int().min(1), 1);
    await write(db, level, 3);
    await expect(write(db, level, 0.5)).rejects.toThrow();
    expect(await read(db, level)).toBe(3);
  });
});
