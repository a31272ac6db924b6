import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { t, type MessageKey } from '@/lib/i18n/i18n';
import { compareMessages, type StoredMessage } from '@/lib/conversation/threads';
import { sendBlock } from '@/lib/conversation/pair-state';
import { PairStanding } from './PairNotices';
import { elementSummary } from './PointAtElement';
import { ScreenshotView } from './ScreenshotView';
import { LinkifiedText } from './LinkifiedText';
import { PageContextView } from './PageContextView';
import { ReplyForm } from './ReplyForm';
import { SkillField, skillToSend, skillToShow } from './SkillField';
import { useServices } from './services';
import { StatusLabel } from './StatusLabel';
import { When } from './When';
import { ThreadProgrammeActions } from './programme/ThreadProgrammeActions';
import { RecordedSteps } from './walkthrough/RecordedSteps';
import { ReplaySteps } from './walkthrough/ReplaySteps';
import { RecordingSection } from './walkthrough/RecordingSection';
import { PictureView } from './picture/PictureView';
import { PictureAnswerField, type PictureDraft } from './picture/PictureAnswerField';
import { pictureToSend } from '@/lib/conversation/stored-picture';
import { walkthroughToShowFirst } from '@/lib/walkthrough/replays';

const KIND_LABELS: Partial<Record<string, MessageKey>> = {
  answer: 'kind_answer',
  'follow-up': 'kind_follow_up',
  resolution: 'kind_resolution',
};

interface Props {
  threadId: string;
  onBack(): void;
  /** 1 where the thread is the whole screen (the popup); 2 under a page's own title (the log). */
  headingLevel?: 1 | 2;
  /** The tab the popup or side panel was opened for: where "Show how on my page" records. */
  tabId?: number;
  /** Where the helper may answer with a picture of their screen: the tab Binôme was opened on (the popup). */
  screen?: { tabId?: number };
}

export function ThreadView({ threadId, onBack, headingLevel = 2, tabId, screen }: Props) {
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  const { db, client } = useServices();
  const thread = useLiveQuery(() => db.threads.get(threadId), [threadId]);
  // Tagged with the pair it read: until this thread's pair is read, no name, not even "Your buddy", is shown.
  const pairRead = useLiveQuery(
    async () => thread && { pairId: thread.pairId, pair: await db.pairs.get(thread.pairId) },
    [thread?.pairId],
  );
  const messages = useLiveQuery(
    async () => ((await db.messages.where('threadId').equals(threadId).toArray()) as StoredMessage[]).sort(compareMessages),
    [threadId],
  );
  const rejected = useLiveQuery(async () => {
    const items = await db.outbox
      .where('pairId')
      .equals(thread?.pairId ?? '')
      .toArray();
    return new Set(items.filter((item) => item.rejected).map((item) => item.id));
  }, [thread?.pairId]);

  const [skill, setSkill] = useState('');
  const [picture, setPicture] = useState<PictureDraft | null | undefined>(null);
  // A new field after each answer sent: the next answer starts without a picture.
  const [pictureField, setPictureField] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the thread object is new at every live-query update; only its seqs say whether something new arrived.
  useEffect(() => {
    if (thread && thread.lastPeerSeq > thread.readSeq) void client.markRead(threadId);
  }, [thread?.lastPeerSeq, thread?.readSeq, threadId, client]);

  // The helper starts from the skill the asker named, and may correct it.
  useEffect(() => setSkill(skillToShow(thread?.skill ?? '')), [thread?.skill]);

  if (!thread || !messages || pairRead?.pairId !== thread.pairId) return null;
  const pair = pairRead.pair;
  const questionMessage = messages.find((message) => message.kind === 'question') as StoredMessage | undefined;
  const screenshot = questionMessage?.screenshot;
  const element = questionMessage?.element;
  const buddy = pair?.peerName ?? t('buddy_unknown');
  const iAsked = thread.direction === 'outgoing';
  // A pair that ended, whose buddy was removed or that is broken takes no more messages, and
  // says why above; without a key yet, trying to send says why.
  const block = pair ? sendBlock(pair) : null;
  const canReply = block === null || block === 'no_key';
  // One primary button: the asker's is "Show me" when the buddy's newest answer is a walkthrough, else "Got it".
  const mainWalkthrough = iAsked ? walkthroughToShowFirst(messages) : null;
  const conversation = (
    <ol className="messages" aria-label={t('thread_messages')}>
      {messages
        .filter((message) => message.kind !== 'question')
        .map((message) => (
          <li key={message.id} className={`message message-${message.kind}`}>
            <p className="author">
              {message.fromMe ? t('author_you') : buddy} · {t(KIND_LABELS[message.kind] ?? 'kind_answer')} ·{' '}
              <When at={message.createdAt} />
            </p>
            {message.text && (
              <p className="text">
                <LinkifiedText text={message.text} />
              </p>
            )}
            {message.walkthrough &&
              (iAsked && !message.fromMe ? (
                <ReplaySteps
                  message={{ id: message.id, walkthrough: message.walkthrough }}
                  primary={message.id === mainWalkthrough}
                />
              ) : (
                <RecordedSteps walkthrough={message.walkthrough} />
              ))}
            {message.walkthroughProblem && (
              <p className="text">
                {t('walkthrough_problem', [String(message.walkthroughProblem.step), message.walkthroughProblem.site])}
              </p>
            )}
            {message.picture && <PictureView picture={message.picture} author={message.fromMe ? 'me' : buddy} />}
            {message.seq === null && (
              <p className="pending" role="status">
                {rejected?.has(message.id) ? t('message_rejected') : t('message_queued')}
              </p>
            )}
          </li>
        ))}
    </ol>
  );
  return (
    <article className="thread" aria-labelledby={`q-${threadId}`}>
      <button type="button" className="back" onClick={onBack}>
        {t('back')}
      </button>
      <p className="thread-meta">
        {iAsked ? t('thread_you_asked', buddy) : t('thread_buddy_asked', buddy)} ·{' '}
        <StatusLabel direction={thread.direction} status={thread.status} /> · <When at={thread.askedAt} />
      </p>
      <Heading id={`q-${threadId}`} className="question-text">
        <LinkifiedText text={thread.question || t('thread_question_missing')} />
      </Heading>
      {/* The conversation first: an answer is read right under its question, the page it is about after. */}
      {conversation}
      {thread.context && <PageContextView context={thread.context} />}
      {element && (
        <p className="element">
          {t('element_shown')} <strong>{elementSummary(element)}</strong> <code className="css-path">{element.cssPath}</code>
        </p>
      )}
      {screenshot && <ScreenshotView image={screenshot} author={iAsked ? t('author_you') : buddy} />}
      {thread.skill && (
        <p className="skill">
          {t('skill_shown')} <strong>{skillToShow(thread.skill)}</strong>
        </p>
      )}
      {pair && canReply && <ThreadProgrammeActions thread={thread} pair={pair} />}
      {pair && <PairStanding pair={pair} />}
      {canReply && !iAsked && (
        <RecordingSection
          threadId={threadId}
          site={thread.site}
          tabId={tabId}
          skill={skillToSend(thread.tool, skill)}
          headingLevel={headingLevel === 1 ? 2 : 3}
        >
          <ReplyForm
            main
            label={t('answer_label', buddy)}
            submitLabel={t('answer_send')}
            attached={!!picture}
            waiting={picture === undefined}
            onSubmit={async (text) => {
              const extras = picture ? { picture: await pictureToSend(await picture()) } : undefined;
              await client.answer(threadId, text, skillToSend(thread.tool, skill), extras);
              setPictureField((field) => field + 1);
            }}
          >
            <SkillField tool={thread.tool} value={skill} onChange={setSkill} />
            {screen && (
              <PictureAnswerField key={pictureField} tabId={screen.tabId} onChange={(draft) => setPicture(() => draft)} />
            )}
          </ReplyForm>
        </RecordingSection>
      )}
      {canReply && iAsked && (
        <ReplyForm
          label={t('follow_up_label')}
          submitLabel={t('follow_up_send')}
          onSubmit={(text) => client.followUp(threadId, text)}
        />
      )}
      {canReply && iAsked && thread.status === 'answered' && (
        <div className="sticky-actions">
          <button type="button" className={mainWalkthrough ? undefined : 'primary'} onClick={() => void client.resolve(threadId)}>
            {t('got_it')}
          </button>
        </div>
      )}
    </article>
  );
}
