import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Pair, Thread } from '@/lib/db/db';
import { t } from '@/lib/i18n/i18n';
import { markForMeetup } from '@/lib/programme/actions';
import { markedThreads } from '@/lib/programme/agenda';
import { useServices } from '../services';
import { StatusMessage } from '../StatusMessage';
import { useSubmit } from '../useSubmit';
import { KudosForm } from './KudosForm';

/** Under a thread: "Let's talk about it at our next meetup", and for the asker of an answered question, a thank-you. */
export function ThreadProgrammeActions({ thread, pair }: { thread: Thread; pair: Pair }) {
  const { db, client } = useServices();
  const marked = useLiveQuery(
    async () => markedThreads(await db.programmeItems.where('pairId').equals(pair.pairId).toArray()).has(thread.id),
    [pair.pairId, thread.id],
  );
  const [thanking, setThanking] = useState(false);
  const { error, run } = useSubmit();
  const answered = thread.direction === 'outgoing' && thread.answeredAt > 0;
  return (
    <div className="thread-programme">
      <label className="checkbox">
        <input
          type="checkbox"
          checked={marked ?? false}
          disabled={marked === undefined}
          onChange={(event) => {
            const wanted = event.target.checked;
            void run(async () => {
              await markForMeetup(db, thread.id, wanted);
              void client.syncNow();
            });
          }}
        />
        {t('meetup_mark')}
      </label>
      <StatusMessage text={error} error />
      {answered &&
        (thanking ? (
          <KudosForm pairId={pair.pairId} peerName={pair.peerName} threadId={thread.id} title={t('kudos_thank', pair.peerName)} />
        ) : (
          <button type="button" onClick={() => setThanking(true)}>
            {t('kudos_thank', pair.peerName)}
          </button>
        ))}
    </div>
  );
}
