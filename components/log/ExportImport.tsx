import { useId, useState } from 'react';
import type { BinomeDb } from '@/lib/db/db';
import { exportCsv, exportJson, exportMarkdown, type PeopleLabels, type Progress } from '@/lib/knowledge/export';
import { t, tCount, type MessageKey } from '@/lib/i18n/i18n';
import { importJsonFile, ImportError, type ImportReport } from '@/lib/knowledge/import';
import { publishNews } from '@/lib/sync/badge';
import { downloadFile as download } from '../download';
import { useServices } from '../services';
import { StatusMessage } from '../StatusMessage';
import { useSubmit } from '../useSubmit';

export function peopleLabels(): PeopleLabels {
  return {
    title: t('log_page_title'),
    asked: t('export_asked'),
    answered: t('export_answered'),
    tool: t('context_tool'),
    skill: t('export_skill'),
    buddy: t('export_buddy'),
    page: t('context_page'),
    note: t('note_label'),
    me: t('author_you'),
    picture: t('export_picture'),
    columns: t('export_csv_columns').split('|'),
  };
}

const EXPORTS: {
  extension: string;
  type: string;
  label: MessageKey;
  make(db: BinomeDb, progress: Progress): Promise<string>;
}[] = [
  {
    extension: 'json',
    type: 'application/json',
    label: 'export_json',
    make: async (db, progress) => JSON.stringify(await exportJson(db, Date.now(), progress)),
  },
  {
    extension: 'md',
    type: 'text/markdown',
    label: 'export_markdown',
    make: (db, progress) => exportMarkdown(db, peopleLabels(), progress),
  },
  { extension: 'csv', type: 'text/csv', label: 'export_csv', make: (db, progress) => exportCsv(db, peopleLabels(), progress) },
];

const IMPORT_ERRORS: Record<ImportError['reason'], MessageKey> = {
  too_large: 'import_error_too_large',
  not_json: 'import_error_not_json',
  not_binome: 'import_error_not_binome',
  newer_version: 'import_error_newer',
  invalid: 'import_error_invalid',
};

/** A file's problem is named, so that the person knows which file to try instead. */
function fileErrorSentence(error: unknown): string {
  return t(error instanceof ImportError ? IMPORT_ERRORS[error.reason] : 'error_unexpected');
}

function importSummary(report: ImportReport): string {
  const done = t('import_done', [
    tCount('count_entries_updated', report.threads),
    tCount('count_messages_added', report.messagesAdded),
  ]);
  if (!report.messagesLeftOut) return done;
  return `${done} ${tCount('import_left_out', report.messagesLeftOut)}`;
}

export function ExportImport() {
  const { db } = useServices();
  const id = useId();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const { busy, error, run } = useSubmit(fileErrorSentence);
  const [summary, setSummary] = useState<string | null>(null);
  const stamp = new Date().toISOString().slice(0, 10);
  const onProgress = (done: number, total: number) => setProgress({ done, total });

  /** `work` says what it did, in a sentence; until its first progress report the bar has no end. */
  const runWithProgress = (work: () => Promise<string>) => {
    setSummary(null);
    setProgress(null);
    return run(async () => setSummary(await work()));
  };

  return (
    <section className="files">
      <h2>{t('export_title')}</h2>
      <p className="hint">{t('export_hint')}</p>
      <div className="actions">
        {EXPORTS.map((format) => (
          <button
            key={format.extension}
            type="button"
            onClick={() =>
              void runWithProgress(async () => {
                download(`binome-log-${stamp}.${format.extension}`, format.type, await format.make(db, onProgress));
                return t('export_done');
              })
            }
          >
            {t(format.label)}
          </button>
        ))}
      </div>
      <h2>{t('import_title')}</h2>
      <label htmlFor={id}>{t('import_label')}</label>
      <input
        id={id}
        type="file"
        accept="application/json,.json"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (!file) return;
          void runWithProgress(async () => {
            const report = await importJsonFile(db, file, onProgress);
            // The popup's badge and first screen show what was imported (a pair, its questions).
            await publishNews(db).catch((error: unknown) => console.warn('Binôme could not redraw the badge', error));
            return importSummary(report);
          });
        }}
      />
      {busy && (
        <progress
          aria-label={t('files_progress')}
          max={progress?.total || undefined}
          value={progress?.total ? progress.done : undefined}
        />
      )}
      <StatusMessage text={error ?? summary} error={error !== null} />
    </section>
  );
}
