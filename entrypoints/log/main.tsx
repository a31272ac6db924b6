import { mountPage } from '@/components/mount';
import { LogPage } from './LogPage';

const params = new URLSearchParams(location.search);
void mountPage(
  <LogPage initialThreadId={params.get('thread') ?? undefined} initialView={params.get('view') ?? undefined} />,
  'log_page_title',
);
