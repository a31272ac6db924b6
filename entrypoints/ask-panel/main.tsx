import { mountFrame } from '@/components/mount-frame';
import { takePreparedAsk } from '@/lib/prepared-ask';
import { AskPanel } from './AskPanel';

// Asked for before anything renders: the first render is the whole form, not a blank frame.
const askId = new URLSearchParams(location.search).get('ask') ?? '';
void takePreparedAsk(askId).then(
  (prepared) => mountFrame(<AskPanel prepared={prepared} />, 'ask_panel_frame_title'),
  () => mountFrame(<AskPanel prepared={null} />, 'ask_panel_frame_title'),
);
