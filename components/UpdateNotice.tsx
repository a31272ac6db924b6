import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n/i18n';
import { relayCompatibilitySetting, requiredUpdate } from '@/lib/sync/relay-compatibility';
import { useProfile } from './useProfile';
import { useServices } from './services';
import { useSetting } from './useSetting';

/**
 * One calm sentence when the relay in use said this Binôme is older than it serves
 * (lib/sync/relay-compatibility.ts): what to do, not an error, and nothing otherwise.
 */
export function UpdateNotice({ ownVersion = browser.runtime.getManifest().version }: { ownVersion?: string }) {
  const { db } = useServices();
  const profile = useProfile(db);
  const compatibility = useSetting(db, relayCompatibilitySetting);
  if (!profile || compatibility === undefined) return null;
  const needed = requiredUpdate(compatibility, profile.relayUrl, ownVersion);
  if (!needed) return null;
  return (
    <p role="status" className="update-notice">
      {t('update_needed', [ownVersion, needed])}
    </p>
  );
}
