import { useManagedPolicy } from '@/components/useManagedPolicy';
import { t } from '@/lib/i18n/i18n';

/** The programme a company runs Binôme for, and its help page, as its policy names them. */
export function OrganisationProgramme() {
  const policy = useManagedPolicy();
  if (!policy?.programmeName && !policy?.programmeHelpUrl) return null;
  return (
    <p className="organisation-programme">
      {policy.programmeName && <span>{t('managed_programme', [policy.programmeName])}</span>}{' '}
      {policy.programmeHelpUrl && (
        <a href={policy.programmeHelpUrl} target="_blank" rel="noreferrer">
          {t('managed_programme_help')}
        </a>
      )}
    </p>
  );
}
