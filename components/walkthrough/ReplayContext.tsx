import { createContext, useContext } from 'react';

/**
 * Where "Show me on my page" is pressed. The toolbar popup holds the person's activeTab grant for
 * the tab it was opened on, so it may inject the player there (`canInject`), and gets out of the
 * way once it did (`onStarted`); the log page and the side panel have no such grant and open the
 * walkthrough's page instead.
 */
export interface ReplayPlace {
  canInject: boolean;
  /** The tab the popup was opened for, when it was given one (else the active tab). */
  tabId?: number;
  onStarted(): void;
}

const ReplayContext = createContext<ReplayPlace>({ canInject: false, onStarted: () => undefined });

export const ReplayPlaceProvider = ReplayContext.Provider;

export function useReplayPlace(): ReplayPlace {
  return useContext(ReplayContext);
}
