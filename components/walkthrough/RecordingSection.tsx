import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState, type ReactNode } from 'react';
import { t } from '@/lib/i18n/i18n';
import { siteOf } from '@/lib/db/site';
import { createRecorderClient } from '@/lib/walkthrough/recorder-client';
import { CannotRecordHereError, isOtherSite } from '@/lib/walkthrough/recorder-start';
import { useServices } from '../services';
import { StatusMessage } from '../StatusMessage';
import { useSubmit } from '../useSubmit';
import { RecordingEditor } from './RecordingEditor';
import { recordingErrorSentence } from './recording-errors';
import './recording.css';

interface Props {
  threadId: string;
  /** The site the question was asked about ('' when it had no page). */
  site: string;
  /** The tab the popup or side panel was opened for; else the active tab. */
  tabId?: number;
  /** The skill the helper set, sent with the walkthrough as with a text answer. */
  skill?: string;
  headingLevel: 2 | 3;
  /** The text answer's form: shown while no walkthrough is being made. */
  children: ReactNode;
}

/**
 * The helper's "Show how on my page": starts the recorder in the tab, then, once steps exist,
 * the editor takes the place of the text answer, in the same thread view the helper came
 * from, reading the draft live as the background adds steps.
 */
export function RecordingSection({ threadId, site, tabId, skill, headingLevel, children }: Props) {
  const { db, client } = useServices();
  const recorder = useMemo(() => createRecorderClient(db, client), [db, client]);
  const draft = useLiveQuery(async () => (await db.walkthroughDrafts.get(threadId)) ?? null, [threadId]);
  const [otherSite, setOtherSite] = useState<{ id: number; url: string } | null>(null);
  const { busy, error, run } = useSubmit(recordingErrorSentence);

  const start = (tab: { id: number; url: string }) =>
    run(async () => {
      await recorder.start(threadId, tab);
      setOtherSite(null);
      // The toolbar popup would cover the page: it closes, and "Finish" in the page brings it back.
      if (location.pathname.endsWith('/popup.html')) window.close();
    });
  const ask = () =>
    run(async () => {
      const tab = await recorder.tab(tabId);
      if (!tab) throw new CannotRecordHereError('no tab');
      if (isOtherSite(tab.url, site)) setOtherSite(tab);
      else await start(tab);
    });

  if (draft === undefined) return null;
  if (draft) {
    return <RecordingEditor draft={draft} recorder={recorder} skill={skill} headingLevel={headingLevel} tabId={tabId} />;
  }
  return (
    <>
      <div className="record-start">
        {otherSite ? (
          <div className="record-other-site">
            <p id={`other-site-${threadId}`}>
              {t('recorder_other_site', [siteOf(otherSite.url) || t('recorder_this_page'), site])}
            </p>
            <div className="actions">
              {/* The choice takes the focus, and its button reads the sentence above it. */}
              <button
                type="button"
                disabled={busy}
                aria-describedby={`other-site-${threadId}`}
                ref={(button) => button?.focus()}
                onClick={() => void start(otherSite)}
              >
                {t('recorder_record_anyway')}
              </button>
              <button type="button" onClick={() => setOtherSite(null)}>
                {t('cancel')}
              </button>
            </div>
          </div>
        ) : (
          <>
            <button type="button" className="record-button" disabled={busy} onClick={() => void ask()}>
              {t('recorder_show_how')}
            </button>
            <p className="hint">{t('recorder_show_how_hint')}</p>
          </>
        )}
        <StatusMessage text={error} error />
      </div>
      {children}
    </>
  );
}
