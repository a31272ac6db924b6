import { mountFrame } from '@/components/mount-frame';
import { AskPanel } from './AskPanel';

const askId = new URLSearchParams(location.search).get('ask') ?? '';
mountFrame(<AskPanel askId={askId} />, 'ask_panel_frame_title');
