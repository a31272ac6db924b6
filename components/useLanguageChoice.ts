import { useLiveQuery } from 'dexie-react-hooks';
import type { BinomeDb } from '@/lib/db/db';
import { languageChoiceUnderPolicy, languageSetting } from '@/lib/db/settings';
import type { LanguageChoice } from '@/lib/i18n/language';
import { useManagedPolicy } from './useManagedPolicy';

/**
 * The language as readLanguageChoice gives it (the person's choice, else the company's default),
 * followed live: the row through Dexie, the policy through its own watch, since a live query
 * may await nothing but Dexie. Undefined until both are read.
 */
export function useLanguageChoice(db: BinomeDb): LanguageChoice | undefined {
  const row = useLiveQuery(async () => (await db.settings.get(languageSetting.key)) ?? null, [db]);
  const policy = useManagedPolicy();
  return row === undefined || !policy ? undefined : languageChoiceUnderPolicy(row ?? undefined, policy);
}
