/**
 * The background speaks the language chosen in the settings too: notifications, the right-click
 * entry and the toolbar button's tooltip. Applied at each start of the worker (before it speaks:
 * lib/i18n/language.ts languageApplied) and again when a page says the choice changed.
 */
import { createContextMenu } from '@/lib/ask/context-menu';
import type { BinomeDb } from '@/lib/db/db';
import { readLanguageChoice } from '@/lib/db/settings';
import { t } from '@/lib/i18n/i18n';
import { applyLanguage } from '@/lib/i18n/language';
import { toolbarButton } from '@/lib/platform/toolbar-button';

/** The tooltip the manifest gives is in the browser's language; this one is in Binôme's. */
async function retitleToolbarButton(): Promise<void> {
  await toolbarButton().setTitle({ title: t('action_title') });
}

export async function speakStoredLanguage(db: BinomeDb): Promise<void> {
  await applyLanguage(readLanguageChoice(db));
  await retitleToolbarButton();
}

/** The menu the browser keeps across restarts was made in the old language: made again. */
export async function languageChanged(db: BinomeDb): Promise<void> {
  await speakStoredLanguage(db);
  await createContextMenu();
}
