import { useEffect, useId, useRef, useState } from 'react';
import type { DraftStep, WalkthroughDraft } from '@/lib/db/db';
import { t, tCount, type MessageKey } from '@/lib/i18n/i18n';
import type { RecorderClient } from '@/lib/walkthrough/recorder-client';
import type { StepAction } from '@/lib/walkthrough/schema';
import { targetWords } from '@/lib/walkthrough/recorder-step';
import { WALKTHROUGH_LIMITS } from '@/lib/walkthrough/schema';
import { TEXT_LIMITS } from '@/lib/conversation/text-limits';
import { ConfirmButton } from '../ConfirmButton';
import { StatusMessage } from '../StatusMessage';
import { useSubmit } from '../useSubmit';
import { recordingErrorSentence } from './recording-errors';

const ACTION_LABELS: Record<StepAction, MessageKey> = {
  click: 'walkthrough_action_click',
  type: 'walkthrough_action_type',
  choose: 'walkthrough_action_choose',
};

interface Props {
  draft: WalkthroughDraft;
  recorder: RecorderClient;
  skill?: string;
  headingLevel: 2 | 3;
  tabId?: number;
}

/**
 * The walkthrough before it is sent: one caption per step, each step moved or deleted with its
 * own named buttons (no dragging needed), more steps recorded, then sent as the answer.
 */
export function RecordingEditor({ draft, recorder, skill, headingLevel, tabId }: Props) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const id = useId();
  const [text, setText] = useState('');
  const send = useSubmit(recordingErrorSentence);
  const edit = useSubmit(recordingErrorSentence);
  const threadId = draft.threadId;
  const count = draft.steps.length;
  const section = useRef<HTMLElement>(null);
  // Opened by "Finish" (a window on #thread=…): the steps are what the helper came for, not the question above them.
  useEffect(() => {
    if (location.hash.includes('thread=')) section.current?.scrollIntoView?.({ block: 'start' });
  }, []);

  const recordMore = () =>
    edit.run(async () => {
      const tab = await recorder.tab(tabId);
      if (tab) await recorder.start(threadId, tab);
      if (location.pathname.endsWith('/popup.html')) window.close();
    });

  return (
    <section ref={section} className="walkthrough-editor" aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`}>{t('recorder_editor_title')}</Heading>
      {draft.recording ? (
        <div className="recording-now" role="status">
          <p>
            <strong>{tCount('recorder_recording_count', count)}</strong> {t('recorder_recording_hint')}
          </p>
          <button type="button" onClick={() => void edit.run(() => recorder.stop(threadId, draft.tabId))}>
            {t('recorder_stop')}
          </button>
        </div>
      ) : (
        draft.interrupted && (
          <p className="recording-note">
            {t(draft.interrupted === 'tab-closed' ? 'recorder_tab_closed' : 'recorder_page_reloaded')}
          </p>
        )
      )}
      {draft.full && <p className="recording-note">{t('recorder_full', String(WALKTHROUGH_LIMITS.steps))}</p>}
      {count === 0 ? (
        <p>{t('recorder_no_steps')}</p>
      ) : (
        <ol className="draft-steps" aria-label={t('walkthrough_steps_label')}>
          {draft.steps.map((step, index) => (
            <DraftStepItem
              key={step.id}
              step={step}
              number={index + 1}
              last={index === count - 1}
              onCaption={(caption) => void recorder.setCaption(threadId, step.id, caption)}
              onMove={(by) => void edit.run(() => recorder.move(threadId, step.id, by))}
              onRemove={() => void edit.run(() => recorder.remove(threadId, step.id))}
            />
          ))}
        </ol>
      )}
      <label htmlFor={`${id}-text`}>{t('recorder_text_label')}</label>
      <textarea
        id={`${id}-text`}
        rows={2}
        maxLength={TEXT_LIMITS.text}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <div className="actions">
        {!draft.recording && (
          <button type="button" onClick={() => void recordMore()}>
            {t('recorder_record_more')}
          </button>
        )}
        <ConfirmButton
          label={t('recorder_discard')}
          question={t('recorder_discard_question')}
          confirmLabel={t('recorder_discard_confirm')}
          cancelLabel={t('cancel')}
          onConfirm={() => void edit.run(() => recorder.discard(threadId))}
        />
      </div>
      <StatusMessage text={edit.error} error />
      <StatusMessage text={send.error} error />
      <div className="sticky-actions">
        <button
          type="button"
          className="primary"
          disabled={count === 0 || send.busy}
          onClick={() => void send.run(() => recorder.send(threadId, text, skill))}
        >
          {t('recorder_send')}
        </button>
      </div>
    </section>
  );
}

interface StepProps {
  step: DraftStep;
  number: number;
  last: boolean;
  onCaption(caption: string): void;
  onMove(by: -1 | 1): void;
  onRemove(): void;
}

function DraftStepItem({ step, number, last, onCaption, onMove, onRemove }: StepProps) {
  const id = useId();
  // The field is the truth while the helper types: the draft is written behind it.
  const [caption, setCaption] = useState(step.caption);
  const position = String(number);
  const words = targetWords(step.target);
  return (
    <li className="draft-step">
      <label htmlFor={id}>{t('recorder_step_caption_label', [position, t(ACTION_LABELS[step.action])])}</label>
      <textarea
        id={id}
        rows={2}
        maxLength={WALKTHROUGH_LIMITS.caption}
        value={caption}
        aria-describedby={`${id}-target`}
        onChange={(event) => {
          setCaption(event.target.value);
          onCaption(event.target.value);
        }}
      />
      <p id={`${id}-target`} className="hint">
        {words ? t('recorder_step_target', [step.target.role || step.target.tag, words]) : step.target.role || step.target.tag}
      </p>
      <div className="step-buttons">
        <button type="button" disabled={number === 1} aria-label={t('recorder_move_up', position)} onClick={() => onMove(-1)}>
          {t('recorder_up')}
        </button>
        <button type="button" disabled={last} aria-label={t('recorder_move_down', position)} onClick={() => onMove(1)}>
          {t('recorder_down')}
        </button>
        <button type="button" className="danger" aria-label={t('recorder_delete_step', position)} onClick={onRemove}>
          {t('recorder_delete')}
        </button>
      </div>
    </li>
  );
}
