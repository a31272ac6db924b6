import type { StoredField } from './useStoredField';

/**
 * The relay's address, as people read it from their company: not `type="url"`, whose browser
 * check refuses "binome.acme.com" before Binôme can understand it (lib/sync/relay-url.ts).
 */
export function RelayAddressInput({ id, form, field }: { id: string; form?: string; field: StoredField }) {
  return (
    <input
      id={id}
      form={form}
      type="text"
      inputMode="url"
      autoComplete="url"
      autoCapitalize="off"
      spellCheck={false}
      value={field.value}
      onChange={(event) => field.edit(event.target.value)}
    />
  );
}
