import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { capturePage, withFound } from '@/lib/capture/capture';
import { siteOf } from '@/lib/db/site';
import type { PageContext } from '@/lib/capture/page-context';
import { t } from '@/lib/i18n/i18n';
import { PageContextView } from './PageContextView';
import { redactedScreenshot, ScreenshotField, type Capture } from './ScreenshotField';
import { SkillField, skillToSend } from './SkillField';
import type { ElementDescription } from '@/lib/capture/element-description';
import { PointAtElement } from './PointAtElement';
import type { Rect } from '@/lib/capture/screenshot';
import type { PreparedAsk } from '@/lib/ask/prepared-ask';
import { screenshotPayload } from '@/lib/ask/ask-backend';
import type { PairChoice } from '@/lib/ask/question';
import { useAskBackend } from './ask-backend';
import { StatusMessage } from './StatusMessage';
import { useSubmit } from './useSubmit';
import { useTextLimit } from './useTextLimit';
import { TEXT_LIMITS } from '@/lib/conversation/text-limits';
import { offeredOn } from '@/lib/managed/offer';
import { useManagedPolicy } from './useManagedPolicy';

/** The last day of a programme that ended at `endedAt` (the midnight after it). */
function endedOn(endedAt: number): string {
  return new Date(endedAt - 1).toLocaleDateString(undefined, { dateStyle: 'long' });
}

export interface AskFormProps {
  /** The tab the question is about; the active tab when not given. */
  tabId?: number;
  /** What the right-click menu or the picker knew: it wins over what capture reads. */
  fromMenu?: { selection: string; targetUrl: string; element?: ElementDescription };
  /** Captured by the background before the in-page panel was shown: nothing left to capture. */
  prepared?: PreparedAsk;
  /** The form gets out of the way while the person points at the page. */
  onPointing(): void;
  onSent(threadId: string, pairId: string): void;
  onCancel(): void;
}

export function AskForm({ tabId, fromMenu, prepared, onPointing, onSent, onCancel }: AskFormProps) {
  const backend = useAskBackend();
  const questionId = useId();
  const buddyId = useId();
  const [pairs, setPairs] = useState<PairChoice[] | undefined>(undefined);
  useEffect(() => {
    void backend.pairs().then(setPairs, () => setPairs([]));
  }, [backend]);
  // Not the autofocus attribute: browsers ignore it in a frame inside another site's page.
  const questionRef = useRef<HTMLTextAreaElement>(null);
  const loaded = pairs !== undefined;
  useEffect(() => {
    if (loaded) questionRef.current?.focus();
  }, [loaded]);
  const [context, setContext] = useState<PageContext | null | undefined>(prepared ? prepared.context : undefined);
  const [pairId, setPairId] = useState('');
  const [text, setText] = useState('');
  const [skill, setSkill] = useState('');
  // Its description may name what the picture then blacks out: the person can leave it out.
  const [element, setElement] = useState<ElementDescription | undefined>(prepared?.element ?? fromMenu?.element);
  // undefined while the picture is being taken: sending waits for it rather than leave it out.
  const [screenshot, setScreenshot] = useState<{ capture: Capture; redactions: Rect[]; outline?: Rect } | null | undefined>(null);
  const { busy, error, run } = useSubmit();
  const questionLimit = useTextLimit(text, TEXT_LIMITS.text);
  const policy = useManagedPolicy();

  useEffect(() => {
    if (prepared) return;
    void capturePage(tabId).then(
      (captured) => setContext(withFound(captured, fromMenu)),
      () => setContext(null),
    );
  }, [tabId, fromMenu, prepared]);

  const chosenPair = pairId || pairs?.[0]?.pairId || '';
  // Its programme is over: the form says why nothing goes out rather than fail at the click.
  const ended = pairs?.find((pair) => pair.pairId === chosenPair && pair.programmeEndedAt !== undefined);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim() || !chosenPair || busy || screenshot === undefined || ended) return;
    await run(async () => {
      // Only the redacted, re-encoded image is ever attached; the raw capture stays here.
      const image = screenshot
        ? await redactedScreenshot(screenshot.capture, screenshot.redactions, screenshot.outline)
        : undefined;
      const chosenSkill = skillToSend(context?.tool ?? '', skill);
      const threadId = await backend.ask({
        pairId: chosenPair,
        text: text.trim(),
        context: context ?? null,
        ...(chosenSkill ? { skill: chosenSkill } : {}),
        ...(image ? { screenshot: await screenshotPayload(image) } : {}),
        ...(element ? { element } : {}),
      });
      onSent(threadId, chosenPair);
    });
  };

  if (!pairs) return null;
  const notOffered = !!context && !!policy && !offeredOn(context.url, policy);
  if (pairs.length === 0 || notOffered) {
    return (
      <div className="ask">
        <h1>{t('ask_title')}</h1>
        <p role="status">{t(notOffered ? 'ask_not_offered_here' : 'ask_no_open_pair')}</p>
        <div className="actions">
          <button type="button" onClick={onCancel}>
            {t('cancel')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <form className="ask" onSubmit={submit} aria-labelledby={`${questionId}-title`}>
      {/* The main heading wherever the form is the screen: the popup, the side panel, the in-page panel. */}
      <h1 id={`${questionId}-title`}>{t('ask_title')}</h1>
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
        ref={questionRef}
        value={text}
        {...questionLimit.fieldProps}
        onChange={(event) => setText(event.target.value)}
      />
      {questionLimit.counter}
      <SkillField tool={context?.tool ?? ''} value={skill} onChange={setSkill} />
      {context && <PointAtElement tabId={tabId} element={element} onStart={onPointing} onClear={() => setElement(undefined)} />}
      <ScreenshotField
        tabId={tabId}
        element={element}
        onChange={setScreenshot}
        {...(prepared ? { captured: prepared.screenshot, site: siteOf(prepared.context?.url) } : {})}
      />
      {ended && <p role="status">{t('ask_programme_ended', [ended.peerName, endedOn(ended.programmeEndedAt!)])}</p>}
      <StatusMessage text={error} error />
      <div className="actions sticky-actions">
        <button type="submit" className="primary" disabled={!text.trim() || busy || screenshot === undefined || !!ended}>
          {t('ask_send')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
