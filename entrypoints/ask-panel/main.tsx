import { mountFrame } from '@/components/mount-frame';
import { linkToHost } from '@/lib/ask/ask-panel-link';
import { takeChannelSecret, takePreparedAsk } from '@/lib/ask/prepared-ask';
import { AskPanel } from './AskPanel';

const askId = new URLSearchParams(location.search).get('ask') ?? '';
// Listening before this document has loaded, when the host offers its channel.
const host = linkToHost(takeChannelSecret(askId));
// Asked for before anything renders: the first render is the whole form, not a blank frame.
void takePreparedAsk(askId).then(
  (prepared) => mountFrame(<AskPanel prepared={prepared} host={host} />, 'ask_panel_frame_title', prepared?.language),
  () => mountFrame(<AskPanel prepared={null} host={host} />, 'ask_panel_frame_title'),
);
