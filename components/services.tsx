/** The database and client the UI works with, provided once per page so tests can swap them. */
import { createContext, useContext, type ReactNode } from 'react';
import type { Client } from '@/lib/messaging/client';
import type { BinomeDb } from '@/lib/db/db';

interface Services {
  db: BinomeDb;
  client: Client;
}

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ db, client, children }: Services & { children: ReactNode }) {
  return <ServicesContext.Provider value={{ db, client }}>{children}</ServicesContext.Provider>;
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesProvider');
  return services;
}
