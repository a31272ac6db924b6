import { useLiveQuery } from 'dexie-react-hooks';
import { useId } from 'react';
import { useServices } from '@/components/services';
import { t } from '@/lib/i18n';
import { disableSiteMarks, enableSiteMarks, siteMarksEnabled } from '@/lib/site-marks';

export function SiteMarksSetting() {
  const { db } = useServices();
  const id = useId();
  const enabled = useLiveQuery(() => siteMarksEnabled(db), []);
  if (enabled === undefined) return null;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t('site_marks_title')}</h2>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={enabled}
          onChange={(event) => void (event.target.checked ? enableSiteMarks(db) : disableSiteMarks(db))}
        />
        {t('site_marks_label')}
      </label>
      <p className="hint">{t('site_marks_hint')}</p>
    </section>
  );
}
