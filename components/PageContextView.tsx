import type { PageContext } from '@/lib/capture/page-context';
import type { CapturedField } from '@/lib/capture/trim-context';
import { t } from '@/lib/i18n/i18n';

/** Said on both sides, so that nobody takes a cut selection or address for the whole. */
function ShortenedNote({ context, fields }: { context: PageContext; fields: CapturedField[] }) {
  if (!fields.some((field) => context.trimmed?.includes(field))) return null;
  return <p className="hint">{t('context_shortened')}</p>;
}

/** The captured context: what the asker was looking at, with a link that opens the page. */
export function PageContextView({ context }: { context: PageContext }) {
  const safeUrl = /^https?:\/\//i.test(context.url) ? context.url : null;
  return (
    <section className="context" aria-label={t('context_heading')}>
      <dl>
        <dt>{t('context_tool')}</dt>
        <dd>
          {context.toolName || t('context_unknown_tool')}
          <ShortenedNote context={context} fields={['tool', 'toolName']} />
        </dd>
        <dt>{t('context_page')}</dt>
        <dd>
          {safeUrl ? (
            <a href={safeUrl} target="_blank" rel="noopener noreferrer">
              {context.title || safeUrl}
            </a>
          ) : (
            context.title || context.url
          )}
          <ShortenedNote context={context} fields={['title', 'url']} />
        </dd>
        {context.targetUrl && /^https?:\/\//i.test(context.targetUrl) && (
          <>
            <dt>{t('context_target')}</dt>
            <dd>
              <a href={context.targetUrl} target="_blank" rel="noopener noreferrer">
                {context.targetUrl}
              </a>
              <ShortenedNote context={context} fields={['targetUrl']} />
            </dd>
          </>
        )}
        {context.selection && (
          <>
            <dt>{t('context_selection')}</dt>
            <dd>
              <blockquote>{context.selection}</blockquote>
              <ShortenedNote context={context} fields={['selection']} />
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
