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

export class PushManager {
  private readonly channels = new Map<string, PushChannel>();

  constructor(private readonly onEvent: (event: StreamEvent) => void) {}

  /** Opens a channel per identity that has none; a stopped worker starts from nothing here. */
  ensure(identities: Identity[]): void {
    for (const identity of identities) {
      const key = `${identity.relayUrl}|${identity.deviceId}`;
      if (this.channels.has(key)) continue;
      const channel = new PushChannel(identity, this.onEvent);
      this.channels.set(key, channel);
      channel.start();
    }
  }
}
