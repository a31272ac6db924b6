import { afterEach, describe, expect, it, vi } from 'vitest';
import { HOST_TO_PANEL_FRAME, PANEL_FRAME_TO_HOST } from '@/lib/messaging/panel-frame-and-host';
import { linkToHost, offeredPort } from '@/lib/ask/ask-panel-link';

const SECRET = '0123456789abcdef0123456789abcdef';
const opened: MessagePort[] = [];

function channel(): MessageChannel {
  const made = new MessageChannel();
  opened.push(made.port1, made.port2);
  return made;
}

/** Everything that arrives on `port`, read after the ports have had their turn. */
function received(port: MessagePort): unknown[] {
  const messages: unknown[] = [];
  port.onmessage = (event) => messages.push(event.data);
  return messages;
}

const NOTHING_MORE = 'nothing more';

/** What the frame sent on a channel's port: anything it sent arrives before a mark sent after it. */
async function sentOn({ port2 }: MessageChannel, messages: unknown[]): Promise<unknown[]> {
  port2.postMessage(NOTHING_MORE);
  await vi.waitFor(() => expect(messages).toContain(NOTHING_MORE));
  return messages.filter((message) => message !== NOTHING_MORE);
}

const secretRead = () => new Promise((resolve) => setTimeout(resolve));

/** The frame's window as the page and the host reach it: messages, with or without ports. */
function frameWindow() {
  const target = new EventTarget();
  return {
    target,
    post(data: unknown, ports: MessagePort[] = []) {
      target.dispatchEvent(Object.assign(new Event('message'), { data, ports }));
    },
  };
}

afterEach(() => {
  for (const port of opened.splice(0)) port.close();
});

describe('offeredPort', () => {
  it('takes the one port of an offer that carries the secret', () => {
    const { port2 } = channel();
    expect(offeredPort({ data: { type: HOST_TO_PANEL_FRAME.channel, secret: SECRET }, ports: [port2] }, SECRET)).toBe(port2);
  });

  it.each([
    ['a guessed secret', { type: HOST_TO_PANEL_FRAME.channel, secret: 'guessed' }, 1],
    ['no secret', { type: HOST_TO_PANEL_FRAME.channel }, 1],
    ['the secret in another message', { type: PANEL_FRAME_TO_HOST.ready, secret: SECRET }, 1],
    ['no port', { type: HOST_TO_PANEL_FRAME.channel, secret: SECRET }, 0],
    ['two ports', { type: HOST_TO_PANEL_FRAME.channel, secret: SECRET }, 2],
    ['the secret alone', SECRET, 1],
    ['nothing', null, 1],
  ])('refuses %s', (_case, data, portCount) => {
    const ports = Array.from({ length: portCount }, () => channel().port2);
    expect(offeredPort({ data, ports }, SECRET)).toBeNull();
  });

  it('refuses everything while the frame has no secret, even an offer without one', () => {
    const { port2 } = channel();
    for (const secret of [null, '']) {
      expect(offeredPort({ data: { type: HOST_TO_PANEL_FRAME.channel, secret }, ports: [port2] }, secret)).toBeNull();
      expect(offeredPort({ data: { type: HOST_TO_PANEL_FRAME.channel }, ports: [port2] }, secret)).toBeNull();
    }
  });
});

describe('linkToHost', () => {
  it('speaks only on the port offered with the secret, and says so when its document goes', async () => {
    const frame = frameWindow();
    const host = linkToHost(Promise.resolve(SECRET), frame.target as never);
    await secretRead();
    const forged = channel();
    const fromForger = received(forged.port1);
    frame.post({ type: HOST_TO_PANEL_FRAME.channel, secret: 'guessed' }, [forged.port2]);
    host.send(PANEL_FRAME_TO_HOST.ready);
    const real = channel();
    const fromFrame = received(real.port1);
    frame.post({ type: HOST_TO_PANEL_FRAME.channel, secret: SECRET }, [real.port2]);
    frame.target.dispatchEvent(new Event('beforeunload'));
    expect(await sentOn(real, fromFrame)).toEqual([{ type: PANEL_FRAME_TO_HOST.ready }, { type: PANEL_FRAME_TO_HOST.leaving }]);
    expect(await sentOn(forged, fromForger)).toEqual([]);
  });

  it('takes an offer that came before it could read its secret', async () => {
    const frame = frameWindow();
    let giveSecret!: (secret: string) => void;
    const host = linkToHost(new Promise((resolve) => (giveSecret = resolve)), frame.target as never);
    const real = channel();
    const fromFrame = received(real.port1);
    frame.post({ type: HOST_TO_PANEL_FRAME.channel, secret: SECRET }, [real.port2]);
    host.send(PANEL_FRAME_TO_HOST.ready);
    giveSecret(SECRET);
    await secretRead();
    expect(await sentOn(real, fromFrame)).toEqual([{ type: PANEL_FRAME_TO_HOST.ready }]);
  });

  it('takes one channel only: a second offer, even with the secret, gets nothing', async () => {
    const frame = frameWindow();
    const host = linkToHost(Promise.resolve(SECRET), frame.target as never);
    await secretRead();
    const [first, second] = [channel(), channel()];
    const [fromFirst, fromSecond] = [received(first.port1), received(second.port1)];
    frame.post({ type: HOST_TO_PANEL_FRAME.channel, secret: SECRET }, [first.port2]);
    frame.post({ type: HOST_TO_PANEL_FRAME.channel, secret: SECRET }, [second.port2]);
    host.send(PANEL_FRAME_TO_HOST.ready);
    frame.target.dispatchEvent(new Event('pagehide'));
    expect(await sentOn(first, fromFirst)).toEqual([{ type: PANEL_FRAME_TO_HOST.ready }, { type: PANEL_FRAME_TO_HOST.leaving }]);
    expect(await sentOn(second, fromSecond)).toEqual([]);
  });

  it('says nothing to anyone when it has no secret (the background never stored one)', async () => {
    const frame = frameWindow();
    const host = linkToHost(Promise.resolve(null), frame.target as never);
    await secretRead();
    const offered = channel();
    const fromOffer = received(offered.port1);
    frame.post({ type: HOST_TO_PANEL_FRAME.channel }, [offered.port2]);
    frame.post({ type: HOST_TO_PANEL_FRAME.channel, secret: null }, [offered.port2]);
    host.send(PANEL_FRAME_TO_HOST.ready);
    expect(await sentOn(offered, fromOffer)).toEqual([]);
  });
});
