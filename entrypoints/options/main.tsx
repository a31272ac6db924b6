import { mountPage } from '@/components/mount';
import { Options } from './Options';

void mountPage(<Options />, 'options_title');
