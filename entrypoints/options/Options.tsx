import { t } from '@/lib/i18n';
import { PairingSection } from './PairingSection';
import { PairsList } from './PairsList';
import { ProfileForm } from './ProfileForm';
import { SiteMarksSetting } from './SiteMarksSetting';

export function Options() {
  return (
    <main className="options">
      <h1>{t('options_title')}</h1>
      <ProfileForm />
      <PairingSection />
      <PairsList />
      <SiteMarksSetting />
    </main>
  );
}
