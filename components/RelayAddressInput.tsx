import { t } from '@/lib/i18n/i18n';
import type { StoredField } from './useStoredField';

/**
 * The relay's address, as people read it from their company: not `type="url"`, whose browser
 * check refuses "binome.acme.com" before Binôme can understand it (lib/sync/relay-url.ts).
 * Locked by the company's policy, it stays readable and focusable (read-only, not disabled) and
 * says who set it.
 */
export function RelayAddressInput({
  id,
  form,
  field,
  locked = false,
}: {
  id: string;
  form?: string;
  field: StoredField;
  locked?: boolean;
}) {
  const noteId = `${id}-managed`;
  return (
    <>
      <input
        id={id}
        form={form}
        type="text"
        inputMode="url"
        autoComplete="url"
        autoCapitalize="off"
        spellCheck={false}
        readOnly={locked}
        aria-describedby={locked ? noteId : undefined}
        value={field.value}
        onChange={(event) => field.edit(event.target.value)}
      />
      {locked && (
        <p id={noteId} className="hint managed-note">
          {t('managed_set_by_organisation')}
        </p>
      )}
    </>
  );
}
