import { mountPage } from '@/components/mount';
import { Welcome } from './Welcome';

mountPage(<Welcome />, 'welcome_title');
