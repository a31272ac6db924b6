import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useState } from 'react';
import { t } from '@/lib/i18n/i18n';
import { deleteEntry, saveNote } from '@/lib/knowledge/log';
import { ConfirmButton } from '../ConfirmButton';
import { useServices } from '../services';
import { ThreadView } from '../ThreadView';

/** An entry of the log: the whole thread, a personal note, and deletion. */
export function EntryDetail({ threadId, onBack }: { threadId: string; onBack(): void }) {
  const { db } = useServices();
  const id = useId();
  const note = useLiveQuery(() => db.notes.get(threadId), [threadId]);
  const [text, setText] = useState('');
  const [saved, setSaved] = useState(false);

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
        <textarea
          id={id}
          rows={3}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setSaved(false);
          }}
        />
        <button type="submit">{t('note_save')}</button>
        {saved && <p role="status">{t('note_saved')}</p>}
      </form>
      <ConfirmButton
        label={t('delete_entry')}
        question={t('delete_confirm')}
        confirmLabel={t('delete_yes')}
        cancelLabel={t('cancel')}
        onConfirm={() => void deleteEntry(db, threadId).then(onBack)}
      />
    </div>
  );
}
