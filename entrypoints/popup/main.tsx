import { mountPage } from '@/components/mount';
import { Popup } from './Popup';

const tabParam = new URLSearchParams(location.search).get('tabId');
void mountPage(<Popup tabId={tabParam ? Number(tabParam) : undefined} />, 'app_name');
