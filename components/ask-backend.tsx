/** The ask form's backend, provided by the page that shows the form (lib/ask/ask-backend.ts). */
import { createContext, useContext, type ReactNode } from 'react';
import type { AskBackend } from '@/lib/ask/question';

const AskBackendContext = createContext<AskBackend | null>(null);

export function AskBackendProvider({ backend, children }: { backend: AskBackend; children: ReactNode }) {
  return <AskBackendContext.Provider value={backend}>{children}</AskBackendContext.Provider>;
}

export function useAskBackend(): AskBackend {
  const backend = useContext(AskBackendContext);
  if (!backend) throw new Error('useAskBackend outside AskBackendProvider');
  return backend;
}
