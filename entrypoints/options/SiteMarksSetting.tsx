import { useEffect, useId, useState } from 'react';
import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n/i18n';
import { disableSiteMarks, enableSiteMarks, siteMarksEnabled } from '@/lib/knowledge/site-marks';

export function SiteMarksSetting() {
  const id = useId();
  const [enabled, setEnabled] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    // The permission is the setting: follow it, wherever it is granted or withdrawn.
    const refresh = () => void siteMarksEnabled().then(setEnabled);
    refresh();
    browser.permissions.onAdded.addListener(refresh);
    browser.permissions.onRemoved.addListener(refresh);
    return () => {
      browser.permissions.onAdded.removeListener(refresh);
      browser.permissions.onRemoved.removeListener(refresh);
    };
  }, []);
  if (enabled === undefined) return null;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t('site_marks_title')}</h2>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={enabled}
          onChange={(event) =>
            void (event.target.checked ? enableSiteMarks() : disableSiteMarks()).then(() => siteMarksEnabled().then(setEnabled))
          }
        />
        {t('site_marks_label')}
      </label>
      <p className="hint">{t('site_marks_hint')}</p>
    </section>
  );
}
