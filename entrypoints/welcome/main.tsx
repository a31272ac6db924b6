import { mountPage } from '@/components/mount';
import { Welcome } from './Welcome';

void mountPage(<Welcome />, 'welcome_title');
