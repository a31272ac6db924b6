import { useEffect, useState } from 'react';
import { EntriesView } from '@/components/log/EntriesView';
import { EntryDetail } from '@/components/log/EntryDetail';
import { ExportImport } from '@/components/log/ExportImport';
import { SkillsLearned } from '@/components/log/SkillsLearned';
import { SkillsTaught } from '@/components/log/SkillsTaught';
import { ProgrammeTab } from '@/components/programme/ProgrammeTab';
import { Tabs } from '@/components/Tabs';
import { t } from '@/lib/i18n/i18n';

type View = 'entries' | 'learned' | 'taught' | 'programme' | 'files';
const VIEWS: View[] = ['entries', 'learned', 'taught', 'programme', 'files'];

export function LogPage({ initialThreadId, initialView }: { initialThreadId?: string; initialView?: string }) {
  const [view, setView] = useState<View>(VIEWS.includes(initialView as View) ? (initialView as View) : 'entries');
  const [threadId, setThreadId] = useState<string | undefined>(initialThreadId);

  useEffect(() => {
    // The log is worth keeping: ask the browser not to evict it under storage pressure.
    void navigator.storage?.persist?.();
  }, []);

  const open = (id: string) => {
    setView('entries');
    setThreadId(id);
  };
  return (
    <main className="log-page">
      <h1>{t('log_page_title')}</h1>
      <Tabs<View>
        label={t('log_sections')}
        selected={view}
        onSelect={(next) => {
          setView(next);
          setThreadId(undefined);
        }}
        tabs={[
          { key: 'entries', label: t('log_tab_entries') },
          { key: 'learned', label: t('log_tab_learned') },
          { key: 'taught', label: t('log_tab_taught') },
          { key: 'programme', label: t('log_tab_programme') },
          { key: 'files', label: t('log_tab_files') },
        ]}
      >
        {view === 'entries' &&
          (threadId ? <EntryDetail threadId={threadId} onBack={() => setThreadId(undefined)} /> : <EntriesView onOpen={open} />)}
        {view === 'learned' && <SkillsLearned onOpen={open} />}
        {view === 'taught' && <SkillsTaught />}
        {view === 'programme' && <ProgrammeTab />}
        {view === 'files' && <ExportImport />}
      </Tabs>
    </main>
  );
}
