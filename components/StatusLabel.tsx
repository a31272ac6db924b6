import type { ThreadDirection, ThreadStatus } from '@/lib/db/db';
import { t, type MessageKey } from '@/lib/i18n/i18n';

const LABELS: Record<ThreadDirection, Record<ThreadStatus, MessageKey>> = {
  outgoing: {
    queued: 'status_queued',
    sent: 'status_sent',
    answered: 'status_answered',
    resolved: 'status_resolved',
  },
  incoming: {
    queued: 'status_incoming_waiting',
    sent: 'status_incoming_waiting',
    answered: 'status_incoming_answered',
    resolved: 'status_resolved',
  },
};

export function statusText(direction: ThreadDirection, status: ThreadStatus): string {
  return t(LABELS[direction][status]);
}

export function StatusLabel({ direction, status }: { direction: ThreadDirection; status: ThreadStatus }) {
  return <span className={`status status-${status}`}>{statusText(direction, status)}</span>;
}
