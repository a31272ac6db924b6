import { useLiveQuery } from 'dexie-react-hooks';
import { t, tCount } from '@/lib/i18n/i18n';
import { readCertificate } from '@/lib/programme/certificate';
import { qualityCounts } from '@/lib/programme/kudos';
import { useServices } from '@/components/services';
import { QUALITY_LABELS } from '@/components/programme/KudosForm';
import { longDay } from '@/components/programme/usePairProgramme';
import './certificate.css';

/** A printable page, in the person's language, to show a manager what they gave. */
export function CertificatePage({ pairId }: { pairId: string }) {
  const { db } = useServices();
  const reading = useLiveQuery(() => readCertificate(db, pairId, Date.now()), [pairId]);
  if (!reading) return null;
  if (reading.state === 'unknown-pair') {
    return (
      <main className="certificate">
        <p role="alert">{t('certificate_unknown_pair')}</p>
      </main>
    );
  }
  if (reading.state === 'not-yet') {
    return (
      <main className="certificate">
        <p role="status">{t('certificate_not_yet', reading.end ? longDay(reading.end.lastDay) : '—')}</p>
      </main>
    );
  }
  const { certificate } = reading;
  const counts = qualityCounts(certificate.kudos);
  return (
    <main className="certificate">
      <h1>{t('certificate_title')}</h1>
      <p className="certificate-statement">
        {t('certificate_statement', [
          certificate.helperName,
          certificate.peerName,
          certificate.programmeName ?? t('certificate_default_programme'),
          longDay(certificate.firstDay),
          longDay(certificate.lastDay),
        ])}
      </p>
      <p className="certificate-answers">{tCount('certificate_answers', certificate.answers)}</p>
      <section aria-labelledby="certificate-skills">
        <h2 id="certificate-skills">{t('certificate_skills')}</h2>
        <ul aria-labelledby="certificate-skills">
          {certificate.skills.map((skill) => (
            <li key={skill.skillKey}>
              {skill.label} ({tCount('count_answers', skill.answers)})
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="certificate-kudos">
        <h2 id="certificate-kudos">{t('certificate_kudos')}</h2>
        {counts.length === 0 ? (
          <p>{t('certificate_no_kudos')}</p>
        ) : (
          <ul aria-labelledby="certificate-kudos">
            {counts.map(({ quality, count }) => (
              <li key={quality}>{t('kudos_quality_count', [t(QUALITY_LABELS[quality]), String(count)])}</li>
            ))}
          </ul>
        )}
        {certificate.kudos
          .filter((kudos) => kudos.message)
          .map((kudos) => (
            <blockquote key={kudos.id}>{kudos.message}</blockquote>
          ))}
      </section>
      <button type="button" className="primary no-print" onClick={() => window.print()}>
        {t('certificate_print')}
      </button>
    </main>
  );
}
