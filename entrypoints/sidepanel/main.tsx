import { mountPage } from '@/components/mount';
import { Popup } from '../popup/Popup';

// The side panel is the popup's inbox and ask form, kept open beside the page; the
// background opens it for the pages that refuse the in-page panel.
const tabParam = new URLSearchParams(location.search).get('tabId');
void mountPage(<Popup tabId={tabParam ? Number(tabParam) : undefined} surface="side-panel" />, 'app_name');
