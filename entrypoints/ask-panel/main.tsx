import { AskBackendProvider } from '@/components/ask-backend';
import { mountFrame } from '@/components/mount';
import { backgroundAskBackend } from '@/lib/ask-backend';
import { AskPanel } from './AskPanel';

const askId = new URLSearchParams(location.search).get('ask') ?? '';
mountFrame(
  <AskBackendProvider backend={backgroundAskBackend()}>
    <AskPanel askId={askId} />
  </AskBackendProvider>,
  'ask_panel_frame_title',
);
