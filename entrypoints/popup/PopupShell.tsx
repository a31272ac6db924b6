import { t } from '@/lib/i18n/i18n';

/**
 * What popup/index.html paints before any script runs: the name alone, where the home and the
 * welcome have it, and nothing that could be wrong (no count, no list, no button). Drawn again,
 * the same, by the scripts until they have something true to show.
 */
export function PopupShell({ className }: { className: string }) {
  return (
    <main className={className}>
      <header>
        <h1>{t('app_name')}</h1>
      </header>
    </main>
  );
}
