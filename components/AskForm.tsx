import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { capturePage } from '@/lib/capture';
import type { PageContext } from '@/lib/db';
import { t } from '@/lib/i18n';
import { sentenceForError } from './errors';
import { PageContextView } from './PageContextView';
import { redactedScreenshot, ScreenshotField, type Capture } from './ScreenshotField';
import { SkillField, skillToSend } from './SkillField';
import type { ElementDescription } from '@/lib/element-description';
import { PointAtElement } from './PointAtElement';
import type { Rect } from '@/lib/screenshot';
import { useServices } from './services';

interface Props {
  /** The tab the question is about; the active tab when not given. */
  tabId?: number;
  /** What the right-click menu or the picker knew: it wins over what capture reads. */
  fromMenu?: { selection: string; targetUrl: string; element?: ElementDescription };
  onSent(threadId: string): void;
  onCancel(): void;
}

export function AskForm({ tabId, fromMenu, onSent, onCancel }: Props) {
  const { db, client } = useServices();
  const questionId = useId();
  const buddyId = useId();
  const pairs = useLiveQuery(() => db.pairs.orderBy('createdAt').toArray(), []);
  const [context, setContext] = useState<PageContext | null | undefined>(undefined);
  const [pairId, setPairId] = useState('');
  const [text, setText] = useState('');
  const [skill, setSkill] = useState('');
  // Its description may name what the picture then blacks out: the person can leave it out.
  const [element, setElement] = useState<ElementDescription | undefined>(fromMenu?.element);
  // undefined while the picture is being taken: sending waits for it rather than leave it out.
  const [screenshot, setScreenshot] = useState<{ capture: Capture; redactions: Rect[]; outline?: Rect } | null | undefined>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void capturePage(tabId).then(
      (captured) =>
        setContext(
          captured && fromMenu
            ? {
                ...captured,
                selection: fromMenu.selection || captured.selection,
                ...(fromMenu.targetUrl ? { targetUrl: fromMenu.targetUrl } : {}),
              }
            : captured,
        ),
      () => setContext(null),
    );
  }, [tabId, fromMenu]);

  const chosenPair = pairId || pairs?.[0]?.pairId || '';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim() || !chosenPair || busy || screenshot === undefined) return;
    setBusy(true);
    setError(null);
    try {
      // Only the redacted, re-encoded image is ever attached; the raw capture stays here.
      const image = screenshot ? await redactedScreenshot(screenshot.capture, screenshot.redactions, screenshot.outline) : undefined;
      onSent(
        await client.ask(chosenPair, text.trim(), context ?? null, skillToSend(context?.tool ?? '', skill), image, element),
      );
    } catch (caught) {
      setError(sentenceForError(caught));
    } finally {
      setBusy(false);
    }
  };

  if (!pairs) return null;
  return (
    <form className="ask" onSubmit={submit} aria-labelledby={`${questionId}-title`}>
      <h2 id={`${questionId}-title`}>{t('ask_title')}</h2>
      {context === undefined && <p role="status">{t('ask_capturing')}</p>}
      {context && <PageContextView context={context} />}
      {context === null && <p>{t('ask_no_context')}</p>}
      {pairs.length > 1 && (
        <>
          <label htmlFor={buddyId}>{t('ask_choose_buddy')}</label>
          <select id={buddyId} value={chosenPair} onChange={(event) => setPairId(event.target.value)}>
            {pairs.map((pair) => (
              <option key={pair.pairId} value={pair.pairId}>
                {pair.peerName}
              </option>
            ))}
          </select>
        </>
      )}
      <label htmlFor={questionId}>{t('ask_question_label')}</label>
      <textarea
        id={questionId}
        rows={5}
        value={text}
        autoFocus
        onChange={(event) => setText(event.target.value)}
      />
      <SkillField tool={context?.tool ?? ''} value={skill} onChange={setSkill} />
      {context && (
        <PointAtElement tabId={tabId} element={element} onStart={() => window.close()} onClear={() => setElement(undefined)} />
      )}
      <ScreenshotField tabId={tabId} element={element} onChange={setScreenshot} />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={!text.trim() || busy || screenshot === undefined}>
          {t('ask_send')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
