import { Component, useEffect, useState, type ReactNode } from 'react';
import type { BinomeDb } from '@/lib/db/db';
import { dropInboxSummary } from '@/lib/conversation/inbox-summary';
import { t } from '@/lib/i18n/i18n';
import { ConfirmButton } from './ConfirmButton';
import { downloadFile } from './download';

type Problem = { kind: 'open' | 'crash'; detail: string };

/** What the person sees instead of a blank page when the browser's storage fails. */
function StorageProblem({ db, problem }: { db: BinomeDb; problem: Problem }) {
  const [status, setStatus] = useState<string | null>(null);
  const exportLog = async () => {
    try {
      // Loaded here: every page carries this guard, few ever need the export.
      const { exportJson } = await import('@/lib/knowledge/export');
      const data = await exportJson(db);
      downloadFile(`binome-log-${new Date().toISOString().slice(0, 10)}.json`, 'application/json', JSON.stringify(data));
      setStatus(t('storage_export_done'));
    } catch {
      setStatus(t('storage_export_failed'));
    }
  };
  const reset = async () => {
    db.close();
    await db.delete().catch(() => undefined);
    await dropInboxSummary().catch(() => undefined);
    location.reload();
  };
  return (
    <main className="storage-problem" role="alert" aria-labelledby="storage-title">
      <h1 id="storage-title">{t('storage_title')}</h1>
      <p>{problem.kind === 'open' ? t('storage_cannot_open') : t('storage_crashed')}</p>
      <p className="hint">{t('storage_what_to_do')}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => location.reload()}>
          {t('storage_retry')}
        </button>
        <button type="button" onClick={() => void exportLog()}>
          {t('storage_export')}
        </button>
        <ConfirmButton
          label={t('storage_reset')}
          question={t('storage_reset_confirm')}
          confirmLabel={t('storage_reset_yes')}
          cancelLabel={t('cancel')}
          onConfirm={() => void reset()}
        />
      </div>
      {status && <p role="status">{status}</p>}
      <details>
        <summary>{t('storage_details')}</summary>
        <pre>{problem.detail}</pre>
      </details>
    </main>
  );
}

class CrashBoundary extends Component<{ onCrash(error: unknown): void; children: ReactNode }, { crashed: boolean }> {
  override state = { crashed: false };
  static getDerivedStateFromError() {
    return { crashed: true };
  }
  override componentDidCatch(error: unknown) {
    this.props.onCrash(error);
  }
  override render() {
    return this.state.crashed ? null : this.props.children;
  }
}

/**
 * If IndexedDB cannot be opened, or a render fails, the person gets a screen that explains
 * it and offers export and reset instead of a blank page. Nothing is deleted unless they
 * ask: the unsent questions in the outbox stay where they are.
 */
export function StorageGuard({ db, children }: { db: BinomeDb; children: ReactNode }) {
  const [problem, setProblem] = useState<Problem | null>(null);
  // The page renders at once: its queries wait inside Dexie for the same open, so checking
  // here costs no extra round trip; only a failure replaces the page.
  useEffect(() => {
    db.open().catch((error: unknown) => setProblem({ kind: 'open', detail: String(error) }));
  }, [db]);
  if (problem) return <StorageProblem db={db} problem={problem} />;
  return <CrashBoundary onCrash={(error) => setProblem({ kind: 'crash', detail: String(error) })}>{children}</CrashBoundary>;
}
