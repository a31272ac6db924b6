/**
 * The popup's ask form with the backend it queues through: one lazy chunk (screens.ts), because
 * queueing a question pulls the outbox, the programme's rules and the skill catalogue, none of
 * which the inbox shown at every opening needs.
 */
import { useMemo } from 'react';
import { AskForm, type AskFormProps } from '@/components/AskForm';
import { AskBackendProvider } from '@/components/ask-backend';
import { useServices } from '@/components/services';
import { localAskBackend } from '@/lib/ask/ask-backend-local';

export function AskScreen(props: AskFormProps) {
  const { db, client } = useServices();
  const backend = useMemo(() => localAskBackend(db, () => void client.syncNow()), [db, client]);
  return (
    <AskBackendProvider backend={backend}>
      <AskForm {...props} />
    </AskBackendProvider>
  );
}
