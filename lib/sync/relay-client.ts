/** Typed calls to a relay. Every response is validated: a relay is another program. */
import { z } from 'zod';
import {
  acceptInviteResponse,
  createInviteResponse,
  errorResponse,
  listPairsResponse,
  lookupInviteResponse,
  postMessageResponse,
  pullResponse,
  registerDeviceResponse,
  updateDeviceResponse,
  type ErrorCode,
  type PairRole,
  type PostMessageRequest,
} from '../protocol/protocol';

/** `network`: the relay could not be reached; `protocol`: it answered something unexpected. */
export type RelayErrorCode = ErrorCode | 'network' | 'protocol';

export class RelayError extends Error {
  constructor(
    readonly code: RelayErrorCode,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'RelayError';
  }

  /** Worth trying again later: the relay was down, overloaded or failing. */
  get retryable(): boolean {
    return this.code === 'network' || this.code === 'rate_limited' || this.status >= 500 || this.status === 408;
  }
}

export class RelayClient {
  constructor(
    readonly relayUrl: string,
    private readonly token?: string,
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
  ) {}

  private async call<T extends z.ZodType>(method: string, path: string, schema: T, body?: unknown): Promise<z.infer<T>> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.relayUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new RelayError('network', 0, `Could not reach the relay: ${String(error)}`);
    }
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const parsed = errorResponse.safeParse(json);
      if (parsed.success) throw new RelayError(parsed.data.error.code, response.status, parsed.data.error.message);
      throw new RelayError(response.status >= 500 ? 'internal' : 'protocol', response.status, `HTTP ${response.status}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new RelayError('protocol', response.status, 'The relay sent an unexpected answer.');
    return parsed.data;
  }

  register(displayName: string, publicKey: string) {
    return this.call('POST', '/devices', registerDeviceResponse, { displayName, publicKey });
  }

  updateDevice(changes: { displayName: string }) {
    return this.call('PATCH', '/devices/me', updateDeviceResponse, changes);
  }

  createInvite(invite: { role: PairRole; nameplate: string; share: string }) {
    return this.call('POST', '/invites', createInviteResponse, invite);
  }

  lookupInvite(nameplate: string) {
    return this.call('POST', '/invites/lookup', lookupInviteResponse, { nameplate });
  }

  acceptInvite(answer: { nameplate: string; pairId: string; inviterShare: string; share: string; confirm: string }) {
    return this.call('POST', '/invites/accept', acceptInviteResponse, answer);
  }

  async confirmPairing(pairId: string, body: { confirm: string } | { failed: true }) {
    await this.call('POST', `/pairs/${encodeURIComponent(pairId)}/confirm`, z.unknown(), body);
  }

  listPairs() {
    return this.call('GET', '/pairs', listPairsResponse);
  }

  /** The device leaves the pair, for both sides; idempotent (204: whatever body comes is not read). */
  async leavePair(pairId: string): Promise<void> {
    await this.call('DELETE', `/pairs/${encodeURIComponent(pairId)}`, z.unknown());
  }

  postMessage(pairId: string, message: PostMessageRequest) {
    return this.call('POST', `/pairs/${encodeURIComponent(pairId)}/messages`, postMessageResponse, message);
  }

  pull(pairId: string, after: number, limit = 200) {
    return this.call('GET', `/pairs/${encodeURIComponent(pairId)}/messages?after=${after}&limit=${limit}`, pullResponse);
  }
}
