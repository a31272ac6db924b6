import { mountPage } from '@/components/mount';
import { Privacy } from './Privacy';

void mountPage(<Privacy />, 'privacy_title');
