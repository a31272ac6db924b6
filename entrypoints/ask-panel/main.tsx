import { mountFrame } from '@/components/mount-frame';
import { linkToHost } from '@/lib/ask/ask-panel-link';
import { takeChannelSecretInFrame, takePreparedAskInFrame } from '@/lib/ask/prepared-ask-frame';
import { AskPanel } from './AskPanel';

const askId = new URLSearchParams(location.search).get('ask') ?? '';
// Listening before this document has loaded, when the host offers its channel.
const host = linkToHost(takeChannelSecretInFrame(askId));
// Asked for before anything renders: the first render is the whole form, not a blank frame.
void takePreparedAskInFrame(askId).then(
  (prepared) => mountFrame(<AskPanel prepared={prepared} host={host} />, 'ask_panel_frame_title', prepared?.language),
  () => mountFrame(<AskPanel prepared={null} host={host} />, 'ask_panel_frame_title'),
);
