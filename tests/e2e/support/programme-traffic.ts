/**
 * Pairs of a programme that join and talk without a browser, to give the coordinator page
 * something to count (tests/e2e/coordinator.spec.ts): each person registers a device, joins with
 * their personal code exactly as the extension does (lib/sync/programme-join.ts: the first to
 * join leaves a SPAKE2 share, the second answers it, the first confirms), then messages go
 * through the relay sealed with AES-GCM under a key only the two hold, as the extension's are.
 */
import { createECDH, webcrypto } from 'node:crypto';
import { normalizeJoiningCode, splitJoiningCode } from '../../../lib/protocol/joining-code';
import type { MessageKind, PairInfo, PairRole } from '../../../lib/protocol/protocol';
import { acceptPairing, finishPairing, startPairingWith, type PairingBinding } from '../../../lib/trust/pairing-protocol';

interface Device {
  deviceId: string;
  token: string;
  publicKey: string;
}

export interface TalkingPair {
  pairId: string;
  senior: Device;
  junior: Device;
  /** Posts `text` sealed, as `from` (the senior is the learner, the junior the helper). */
  send(from: 'senior' | 'junior', kind: MessageKind, text: string): Promise<void>;
}

async function call<T>(relayUrl: string, method: string, path: string, token?: string, json?: unknown): Promise<T> {
  const response = await fetch(`${relayUrl}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(json ? { 'content-type': 'application/json' } : {}) },
    body: json ? JSON.stringify(json) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

async function register(relayUrl: string, displayName: string): Promise<Device> {
  const publicKey = createECDH('prime256v1').generateKeys().toString('base64url');
  const { deviceId, token } = await call<{ deviceId: string; token: string }>(relayUrl, 'POST', '/devices', undefined, {
    displayName,
    publicKey,
  });
  return { deviceId, token, publicKey };
}

/** The senior's and the junior's codes of one planned pair: both join, and the pair is confirmed. */
export async function joinAndConfirm(
  relayUrl: string,
  senior: { name: string; code: string },
  junior: { name: string; code: string },
): Promise<TalkingPair> {
  const [seniorCode, juniorCode] = [senior.code, junior.code].map((code) => splitJoiningCode(normalizeJoiningCode(code)!));
  const seniorDevice = await register(relayUrl, senior.name);
  const juniorDevice = await register(relayUrl, junior.name);

  const seniorSlot = await call<{ nameplate: string; myRole: PairRole }>(
    relayUrl,
    'POST',
    '/programme-joins/lookup',
    seniorDevice.token,
    {
      slotCode: seniorCode!.slotCode,
    },
  );
  const starter = startPairingWith('A', seniorSlot.nameplate, seniorCode!.pairSecret);
  await call(relayUrl, 'POST', '/programme-joins/start', seniorDevice.token, {
    slotCode: seniorCode!.slotCode,
    share: starter.share,
  });

  const juniorSlot = await call<{ nameplate: string; buddy: { share: string } }>(
    relayUrl,
    'POST',
    '/programme-joins/lookup',
    juniorDevice.token,
    { slotCode: juniorCode!.slotCode },
  );
  const pairId = crypto.randomUUID();
  const binding: PairingBinding = {
    nameplate: juniorSlot.nameplate,
    pairId,
    inviterRole: seniorSlot.myRole,
    inviter: { deviceId: seniorDevice.deviceId, publicKey: seniorDevice.publicKey },
    accepter: { deviceId: juniorDevice.deviceId, publicKey: juniorDevice.publicKey },
  };
  const answerer = startPairingWith('B', juniorSlot.nameplate, juniorCode!.pairSecret);
  const { confirm } = acceptPairing(answerer, juniorSlot.buddy.share, binding);
  await call(relayUrl, 'POST', '/programme-joins/accept', juniorDevice.token, {
    slotCode: juniorCode!.slotCode,
    pairId,
    inviterShare: juniorSlot.buddy.share,
    share: answerer.share,
    confirm,
  });

  const { pairs } = await call<{ pairs: PairInfo[] }>(relayUrl, 'GET', '/pairs', seniorDevice.token);
  const exchange = pairs.find((p) => p.pairId === pairId)?.pairing;
  if (!exchange) throw new Error(`${senior.name} does not see the pair ${pairId}`);
  const own = finishPairing(starter, { share: exchange.accepterShare, confirm: exchange.accepterConfirm }, binding);
  if (!own) throw new Error(`${senior.name}'s and ${junior.name}'s codes do not match`);
  await call(relayUrl, 'POST', `/pairs/${pairId}/confirm`, seniorDevice.token, { confirm: own });

  // The two browsers' shared key, which the relay never has.
  const key = await webcrypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt']);
  const devices = { senior: seniorDevice, junior: juniorDevice };
  return {
    pairId,
    senior: seniorDevice,
    junior: juniorDevice,
    async send(from, kind, text) {
      const iv = webcrypto.getRandomValues(new Uint8Array(12));
      const sealed = new Uint8Array(await webcrypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(text)));
      const payload = Buffer.concat([iv, sealed]).toString('base64url');
      await call(relayUrl, 'POST', `/pairs/${pairId}/messages`, devices[from].token, {
        id: crypto.randomUUID(),
        kind,
        createdAt: Date.now(),
        payload,
      });
    },
  };
}
