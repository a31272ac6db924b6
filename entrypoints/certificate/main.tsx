import { mountPage } from '@/components/mount';
import { CertificatePage } from './CertificatePage';

const params = new URLSearchParams(location.search);
mountPage(<CertificatePage pairId={params.get('pair') ?? ''} />, 'certificate_page_title');
