import { useId, useState, type FormEvent } from 'react';
import { t, type MessageKey } from '@/lib/i18n/i18n';
import { sendKudos } from '@/lib/programme/actions';
import { KUDOS_QUALITIES, MAX_KUDOS_MESSAGE, type KudosQuality } from '@/lib/programme/payloads';
import { useServices } from '../services';
import { StatusMessage } from '../StatusMessage';
import { useSubmit } from '../useSubmit';

export const QUALITY_LABELS: Record<KudosQuality, MessageKey> = {
  patience: 'kudos_quality_patience',
  clarity: 'kudos_quality_clarity',
  expertise: 'kudos_quality_expertise',
  availability: 'kudos_quality_availability',
  creativity: 'kudos_quality_creativity',
};

interface Props {
  pairId: string;
  peerName: string;
  /** The answered question thanked for; none at wrap-up. */
  threadId?: string;
  title: string;
}

/** A thank-you to the helper: qualities and an optional message, sealed for them alone. */
export function KudosForm({ pairId, peerName, threadId, title }: Props) {
  const { db, client } = useServices();
  const id = useId();
  const [qualities, setQualities] = useState<KudosQuality[]>([]);
  const [message, setMessage] = useState('');
  const [sent, setSent] = useState(false);
  const { busy, error, run } = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await sendKudos(db, pairId, { qualities, message, ...(threadId ? { threadId } : {}) });
      void client.syncNow();
      setSent(true);
    });
  };
  if (sent) return <StatusMessage text={t('kudos_sent', peerName)} />;
  return (
    <form className="kudos-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <fieldset>
        <legend>{t('kudos_qualities')}</legend>
        {KUDOS_QUALITIES.map((quality) => (
          <label key={quality}>
            <input
              type="checkbox"
              checked={qualities.includes(quality)}
              onChange={(event) =>
                setQualities(event.target.checked ? [...qualities, quality] : qualities.filter((other) => other !== quality))
              }
            />
            {t(QUALITY_LABELS[quality])}
          </label>
        ))}
      </fieldset>
      <label htmlFor={`${id}-message`}>{t('kudos_message')}</label>
      <textarea
        id={`${id}-message`}
        rows={3}
        maxLength={MAX_KUDOS_MESSAGE}
        value={message}
        onChange={(event) => setMessage(event.target.value)}
      />
      <StatusMessage text={error} error />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('kudos_send')}
        </button>
      </div>
    </form>
  );
}
