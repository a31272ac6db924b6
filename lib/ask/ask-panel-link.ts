/**
 * The panel frame's end of the channel with its host (lib/ask/ask-panel-host.ts). The frame never
 * posts to its parent window, which is the page's: it waits for the host's offer, takes it only
 * with the secret the background gave it, and from then on speaks on that port alone.
 */
import {
  HOST_TO_PANEL_FRAME,
  PANEL_FRAME_TO_HOST,
  type HostToPanelFrameMessage,
  type PanelFrameToHostMessage,
  type PanelFrameToHostType,
} from '../messaging/panel-frame-and-host';

interface Offer {
  data: unknown;
  ports: readonly MessagePort[];
}

/** The port of an offer carrying `secret`, or null: the page can forge all of an offer but the secret. */
export function offeredPort({ data, ports }: Offer, secret: string | null): MessagePort | null {
  if (!secret || !looksLikeOffer({ data, ports })) return null;
  return (data as Partial<HostToPanelFrameMessage>).secret === secret ? ports[0]! : null;
}

function looksLikeOffer({ data, ports }: Offer): boolean {
  return (
    ports.length === 1 &&
    typeof data === 'object' &&
    data !== null &&
    (data as { type?: unknown }).type === HOST_TO_PANEL_FRAME.channel
  );
}

export interface HostLink {
  /** Posted once the host's channel is taken; kept until then. */
  send(type: PanelFrameToHostType): void;
}

type FrameWindow = Pick<Window, 'addEventListener' | 'removeEventListener'>;

/** Listens at once: the host offers its channel as soon as this document has loaded. */
export function linkToHost(secret: Promise<string | null>, frameWindow: FrameWindow = window): HostLink {
  let port: MessagePort | null = null;
  let known: string | null | undefined;
  const unsent: PanelFrameToHostType[] = [];
  // Offers that came before the secret was read, checked once it is.
  const early: Offer[] = [];
  const take = (offer: Offer) => {
    port = offeredPort(offer, known ?? null);
    if (!port) return;
    frameWindow.removeEventListener('message', onMessage);
    early.length = 0;
    for (const type of unsent.splice(0)) port.postMessage({ type } satisfies PanelFrameToHostMessage);
    // Told before the frame navigates (beforeunload comes before the next document is even
    // fetched), the host removes the panel before another document can take this one's place.
    const accepted = port;
    const leaving = () => accepted.postMessage({ type: PANEL_FRAME_TO_HOST.leaving } satisfies PanelFrameToHostMessage);
    frameWindow.addEventListener('beforeunload', leaving);
    frameWindow.addEventListener('pagehide', leaving);
  };
  const onMessage = (event: MessageEvent) => {
    const offer = { data: event.data, ports: event.ports };
    if (known === undefined) {
      if (looksLikeOffer(offer)) early.push(offer);
    } else {
      take(offer);
    }
  };
  frameWindow.addEventListener('message', onMessage);
  void secret
    .catch(() => null)
    .then((value) => {
      known = value;
      if (!value) frameWindow.removeEventListener('message', onMessage);
      for (const offer of early.splice(0)) if (!port) take(offer);
    });
  return {
    send(type) {
      if (port) port.postMessage({ type } satisfies PanelFrameToHostMessage);
      else unsent.push(type);
    },
  };
}
