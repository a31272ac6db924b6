/**
 * What Binôme keeps, where, and for how long, for the people who use it (linked from the
 * settings) and for the stores' privacy questions. The relay's retention is its configured
 * default (docs/deploy.md); the technical detail is docs/security.md.
 */
import { useId } from 'react';
import { t, type MessageKey } from '@/lib/i18n/i18n';

function Part({ title, paragraphs }: { title: MessageKey; paragraphs: MessageKey[] }) {
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t(title)}</h2>
      {paragraphs.map((key) => (
        <p key={key}>{t(key)}</p>
      ))}
    </section>
  );
}

export function Privacy() {
  return (
    <main className="options privacy">
      <h1>{t('privacy_title')}</h1>
      <p>{t('privacy_intro')}</p>
      <Part
        title="privacy_device_title"
        paragraphs={['privacy_device_profile', 'privacy_device_keys', 'privacy_device_log', 'privacy_device_kept']}
      />
      <Part title="privacy_relay_title" paragraphs={['privacy_relay_sees', 'privacy_relay_never']} />
      <Part title="privacy_retention_title" paragraphs={['privacy_retention_text']} />
      <Part title="privacy_nothing_else_title" paragraphs={['privacy_nothing_else_text']} />
      <p>
        <a href="/options.html">{t('privacy_back')}</a>
      </p>
    </main>
  );
}
