import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useState } from 'react';
import { t } from '@/lib/i18n';
import { deleteEntry, saveNote } from '@/lib/log';
import { useServices } from '../services';
import { ThreadView } from '../ThreadView';

/** An entry of the log: the whole thread, a personal note, and deletion. */
export function EntryDetail({ threadId, onBack }: { threadId: string; onBack(): void }) {
  const { db } = useServices();
  const id = useId();
  const note = useLiveQuery(() => db.notes.get(threadId), [threadId]);
  const [text, setText] = useState('');
  const [saved, setSaved] = useState(false);
  const [confirming, setConfirming] = useState(false);

  useEffect(() => setText(note?.text ?? ''), [note?.text]);

  return (
    <div className="entry-detail">
      <ThreadView threadId={threadId} onBack={onBack} />
      <form
        className="note"
        onSubmit={(event) => {
          event.preventDefault();
          void saveNote(db, threadId, text).then(() => setSaved(true));
        }}
      >
        <label htmlFor={id}>{t('note_label')}</label>
        <textarea id={id} rows={3} value={text} onChange={(event) => (setText(event.target.value), setSaved(false))} />
        <button type="submit">{t('note_save')}</button>
        {saved && <p role="status">{t('note_saved')}</p>}
      </form>
      {confirming ? (
        <div role="alertdialog" aria-labelledby={`${id}-confirm`} className="confirm">
          <p id={`${id}-confirm`}>{t('delete_confirm')}</p>
          <button type="button" className="danger" onClick={() => void deleteEntry(db, threadId).then(onBack)}>
            {t('delete_yes')}
          </button>
          <button type="button" autoFocus onClick={() => setConfirming(false)}>
            {t('cancel')}
          </button>
        </div>
      ) : (
        <button type="button" className="danger" onClick={() => setConfirming(true)}>
          {t('delete_entry')}
        </button>
      )}
    </div>
  );
}
