/**
 * Every setting Binôme keeps, declared once with its key, its type (a zod schema) and its
 * default, in the spirit of WXT's `storage.defineItem`. The rows live in Dexie's `settings`
 * table so that every extension context reads the same; keys and shapes are the ones earlier
 * versions wrote, so their data stays readable.
 */
import { z } from 'zod';
import type { BinomeDb } from './db';
import { normalizeDisplayName } from '../protocol/display-name';
import { elementDescriptionSchema } from '../capture/element-description';
import { LANGUAGE_CHOICES, type LanguageChoice } from '../i18n/language';
import { readManagedPolicy } from '../managed/cache';
import { ManagedRefusal, effectiveRelayUrl, relayRefusal } from '../managed/relay';
import type { ManagedPolicy } from '../managed/schema';

export interface Setting<T> {
  key: string;
  schema: z.ZodType<T>;
  /** What `read` gives while nothing usable is stored: never written by `read` itself. */
  defaultValue: T;
}

export function defineSetting<T>(key: string, schema: z.ZodType<T>, defaultValue: T): Setting<T> {
  return { key, schema, defaultValue };
}

/**
 * A row that does not parse (written by a bug, an older shape, someone's devtools) gives the
 * default: a setting must never stop a page from opening.
 */
export async function read<T>(db: BinomeDb, setting: Setting<T>): Promise<T> {
  const row = await db.settings.get(setting.key);
  if (!row) return setting.defaultValue;
  const parsed = setting.schema.safeParse(row.value);
  return parsed.success ? parsed.data : setting.defaultValue;
}

/** Checked before it is stored: what `read` would refuse is never written. */
export async function write<T>(db: BinomeDb, setting: Setting<T>, value: T): Promise<void> {
  await db.settings.put({ key: setting.key, value: setting.schema.parse(value) });
}

/** Back to the default. */
export async function clear(db: BinomeDb, setting: Setting<unknown>): Promise<void> {
  await db.settings.delete(setting.key);
}

/** The relay that `npm start` runs; a company sets its own in the options page. */
export const DEFAULT_RELAY_URL = 'http://127.0.0.1:8787';

// Field by field, as earlier versions merged a stored profile over the defaults.
const profileSchema = z.object({
  displayName: z.string().default(''),
  relayUrl: z.string().default(DEFAULT_RELAY_URL),
});
export type Profile = z.infer<typeof profileSchema>;
export const DEFAULT_PROFILE: Profile = { displayName: '', relayUrl: DEFAULT_RELAY_URL };

/** The person's name and relay. */
export const profileSetting = defineSetting<Profile>('profile', profileSchema, DEFAULT_PROFILE);

const pendingAskSchema = z.object({
  tabId: z.number(),
  selection: z.string(),
  /** The link or image the menu was opened on, if any. */
  targetUrl: z.string(),
  /** The part of the page the person pointed at with the picker, if any. */
  element: elementDescriptionSchema.optional(),
  at: z.number(),
});
export type PendingAsk = z.infer<typeof pendingAskSchema>;

/** What was clicked where the in-page panel cannot open, for the side panel or window to pick up (lib/ask/pending-ask.ts). */
export const pendingAskSetting = defineSetting<PendingAsk | null>('pendingAsk', pendingAskSchema.nullable(), null);

/** The tab the popup started the picker in, and when. */
export const pendingPickSetting = defineSetting<{ tabId: number; at: number } | null>(
  'pendingPick',
  z.object({ tabId: z.number(), at: z.number() }).nullable(),
  null,
);

/**
 * The walkthrough the popup started the player with, in which tab, and when: the player takes it
 * once (lib/walkthrough/player-handover.ts), and may then tell the helper about the steps in `told`.
 */
export const playerStartSetting = defineSetting<{
  tabId: number;
  messageId: string;
  at: number;
  taken: boolean;
  told: number[];
} | null>(
  'playerStart',
  z
    .object({ tabId: z.number(), messageId: z.string(), at: z.number(), taken: z.boolean(), told: z.array(z.number()) })
    .nullable(),
  null,
);

/** "Show me on my page" from another page: the walkthrough the popup offers first once opened on its site. */
export const waitingWalkthroughSetting = defineSetting<{ messageId: string; site: string; at: number } | null>(
  'waitingWalkthrough',
  z.object({ messageId: z.string(), site: z.string(), at: z.number() }).nullable(),
  null,
);

/** Sites (hostnames) where the person said "no screenshot": some intranets must never be pictured. */
export const noScreenshotSitesSetting = defineSetting<string[]>('noScreenshotSites', z.array(z.string()), []);

/** The profile Binôme uses: the stored one, with the relay address the company's policy presets or locks. */
export async function readProfile(db: BinomeDb): Promise<Profile> {
  const [stored, policy] = await Promise.all([read(db, profileSetting), readManagedPolicy()]);
  return profileUnderPolicy(stored, policy);
}

export function profileUnderPolicy(stored: Profile, policy: ManagedPolicy): Profile {
  return { ...stored, relayUrl: effectiveRelayUrl(stored.relayUrl, policy, DEFAULT_RELAY_URL) };
}

/**
 * The name is kept as the relay will store it, so what the person sees is what the buddy sees.
 * An address the company's policy refuses (locked to another, or not https) throws a
 * ManagedRefusal and nothing is stored, whoever asked for it.
 */
export async function saveProfile(db: BinomeDb, profile: Profile): Promise<void> {
  const refusal = relayRefusal(profile.relayUrl, await readManagedPolicy());
  if (refusal) throw new ManagedRefusal(refusal);
  await write(db, profileSetting, { ...profile, displayName: normalizeDisplayName(profile.displayName) });
}

/** The thread a notification click asked the popup to open, and when (lib/conversation/open-thread.ts). */
export const threadToOpenSetting = defineSetting<{ threadId: string; at: number } | null>(
  'threadToOpen',
  z.object({ threadId: z.string(), at: z.number() }).nullable(),
  null,
);

/**
 * Whether the welcome page was ever opened. The browser can report an "install" again for the
 * same profile (an unpacked or re-provisioned extension keeps its data): the page opens once.
 */
export const welcomeOpenedSetting = defineSetting<boolean>('welcomeOpened', z.boolean(), false);

/** The language Binôme speaks: the browser's (the default) or one the person chose in the settings. */
export const languageSetting = defineSetting<LanguageChoice>('language', z.enum(LANGUAGE_CHOICES), 'browser');

/**
 * The one place every context reads the language from (pages, the background, and through it the
 * in-page panel): a company's preset default (managed storage, issue 14) belongs here.
 */
export async function readLanguageChoice(db: BinomeDb): Promise<LanguageChoice> {
  const [row, policy] = await Promise.all([db.settings.get(languageSetting.key), readManagedPolicy()]);
  return languageChoiceUnderPolicy(row, policy);
}

/**
 * Until the person chooses, the company's default; once chosen (even "the browser's"), theirs.
 * Apart from the reads so that a page can follow the row live (a Dexie live query must not await
 * anything but Dexie) and the policy through its own watch.
 */
export function languageChoiceUnderPolicy(row: { value: unknown } | undefined, policy: ManagedPolicy): LanguageChoice {
  if (!row) return policy.defaultLanguage ?? languageSetting.defaultValue;
  const parsed = languageSetting.schema.safeParse(row.value);
  return parsed.success ? parsed.data : languageSetting.defaultValue;
}
