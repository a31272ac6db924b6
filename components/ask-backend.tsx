/** The ask form's backend: the page's own database, unless one is provided (the in-page panel). */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { localAskBackend, type AskBackend } from '@/lib/ask-backend';
import { useOptionalServices } from './services';

const AskBackendContext = createContext<AskBackend | null>(null);

export function AskBackendProvider({ backend, children }: { backend: AskBackend; children: ReactNode }) {
  return <AskBackendContext.Provider value={backend}>{children}</AskBackendContext.Provider>;
}

export function useAskBackend(): AskBackend {
  const provided = useContext(AskBackendContext);
  const services = useOptionalServices();
  return useMemo(() => {
    if (provided) return provided;
    if (!services) throw new Error('useAskBackend needs an AskBackendProvider or a ServicesProvider');
    return localAskBackend(services.db, () => void services.client.syncNow());
  }, [provided, services]);
}
