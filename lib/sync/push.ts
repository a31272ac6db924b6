/**
 * The push channel: one WebSocket per relay identity, telling the worker that a pair has
 * new messages. It only triggers sync; missing a push loses nothing, as the alarm polls.
 */
import type { z } from 'zod';
import type { Identity } from '../db/db';
import { streamEvent, type StreamEvent, type streamHello } from '../protocol/protocol';
import { streamUrl } from './relay-url';
import { backoffDelay } from './sync';

const MAX_RECONNECT_MS = 30_000;

class PushChannel {
  private socket: WebSocket | null = null;
  private attempts = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    private readonly identity: Identity,
    private readonly onEvent: (event: StreamEvent) => void,
  ) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.socket?.close();
  }

  private connect(): void {
    const socket = new WebSocket(streamUrl(this.identity.relayUrl));
    this.socket = socket;
    // Extension → relay and relay → extension are declared once, in the protocol the relay checks them with.
    socket.onopen = () =>
      socket.send(JSON.stringify({ type: 'hello', token: this.identity.token } satisfies z.infer<typeof streamHello>));
    socket.onmessage = (message) => {
      let json: unknown;
      try {
        json = JSON.parse(String(message.data));
      } catch {
        return;
      }
      const parsed = streamEvent.safeParse(json);
      if (!parsed.success) return;
      if (parsed.data.type === 'ready') this.attempts = 0;
      this.onEvent(parsed.data);
    };
    socket.onclose = () => {
      if (this.socket !== socket || this.stopped) return;
      this.socket = null;
      this.attempts++;
      this.timer = setTimeout(() => this.connect(), Math.min(backoffDelay(this.attempts), MAX_RECONNECT_MS));
    };
  }

  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }
}

/** The push channels the background keeps: exactly one for each identity it is given. */
export interface PushChannels {
  follow(identities: Identity[]): void;
}

export class PushManager implements PushChannels {
  private readonly channels = new Map<string, PushChannel>();

  constructor(private readonly onEvent: (event: StreamEvent) => void) {}

  /**
   * Opens a channel per identity that has none, and closes those of identities no longer given
   * (their last pair ended): a stopped worker starts from nothing here.
   */
  follow(identities: Identity[]): void {
    const wanted = new Map(identities.map((identity) => [`${identity.relayUrl}|${identity.deviceId}`, identity]));
    for (const [key, channel] of this.channels) {
      if (wanted.has(key)) continue;
      channel.stop();
      this.channels.delete(key);
    }
    for (const [key, identity] of wanted) {
      if (this.channels.has(key)) continue;
      const channel = new PushChannel(identity, this.onEvent);
      this.channels.set(key, channel);
      channel.start();
    }
  }
}
