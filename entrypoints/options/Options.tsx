import { useEffect } from 'react';
import { LanguageSetting } from '@/components/LanguageSetting';
import { PairingSection } from '@/components/PairingSection';
import { UpdateNotice } from '@/components/UpdateNotice';
import { ProfileFormProvider } from '@/components/useProfileForm';
import { t } from '@/lib/i18n/i18n';
import { OrganisationProgramme } from './OrganisationProgramme';
import { PairsList } from './PairsList';
import { ProfileForm } from './ProfileForm';
import { SiteMarksSetting } from './SiteMarksSetting';

export function Options() {
  useEffect(() => {
    // Pairing is where a log starts: ask the browser not to evict it under storage pressure.
    void navigator.storage?.persist?.();
  }, []);
  return (
    <main className="options">
      <h1>{t('options_title')}</h1>
      <UpdateNotice />
      <OrganisationProgramme />
      <p>
        <a href="/welcome.html">{t('options_open_welcome')}</a>
      </p>
      <p>
        <a href="/privacy.html">{t('options_privacy_link')}</a>
      </p>
      <ProfileFormProvider>
        <ProfileForm />
        <PairingSection />
      </ProfileFormProvider>
      <PairsList />
      <LanguageSetting />
      <SiteMarksSetting />
    </main>
  );
}
