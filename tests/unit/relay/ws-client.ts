import WebSocket from 'ws';
import type { StreamEvent } from '@/lib/protocol/protocol';

/** A test-side stream client: records events and the close code, and waits for either. */
export async function openStream(relayUrl: string) {
  const socket = new WebSocket(`${relayUrl.replace(/^http/, 'ws')}/stream`);
  const events: StreamEvent[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  socket.on('message', (data) => events.push(JSON.parse(data.toString()) as StreamEvent));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    socket,
    events,
    closed,
    send: (frame: unknown) => socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    close: () => {
      socket.close();
      return closed;
    },
  };
}
