/** Typed calls to a relay. Every response is validated: a relay is another program. */
import { browser } from 'wxt/browser';
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
import {
  joinAcceptResponse,
  joinLookupResponse,
  joinStartResponse,
  pairProgrammeResponse,
  type WrapUpRatingRequest,
} from '../protocol/programme';

/**
 * Failures a relay itself never names, told apart because the person has a different thing
 * to do about each: `network`, nothing answered (offline, a mistyped host, a stopped server);
 * `protocol`, something answered that is not a Binôme relay (another site at that address);
 * `refused`, something on the way refused without being a relay (a proxy or firewall's 401/403/407).
 */
export type RelayErrorCode = ErrorCode | 'network' | 'protocol' | 'refused';

/** What an error response that is not a relay's own says about where the request ended up. */
function foreignFailure(status: number): RelayErrorCode {
  if (status >= 500) return 'internal';
  if (status === 401 || status === 403 || status === 407) return 'refused';
  return 'protocol';
}

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
      throw new RelayError(foreignFailure(response.status), response.status, `HTTP ${response.status}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new RelayError('protocol', response.status, 'The relay sent an unexpected answer.');
    return parsed.data;
  }

  /**
   * `extensionId` is this extension's own id: a relay limited by ALLOWED_EXTENSION_IDS needs it
   * from Firefox, whose page origin is a per-install UUID (relay/allowed-extensions.ts).
   */
  register(displayName: string, publicKey: string, extensionId: string | undefined = browser.runtime?.id) {
    return this.call('POST', '/devices', registerDeviceResponse, { displayName, publicKey, extensionId });
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

  // ---- Programmes (lib/protocol/programme.ts) ----

  pairProgramme(pairId: string) {
    return this.call('GET', `/pairs/${encodeURIComponent(pairId)}/programme`, pairProgrammeResponse);
  }

  /** Only when the person agreed to share it; replaces what this device sent before. */
  async shareRating(pairId: string, rating: WrapUpRatingRequest): Promise<void> {
    await this.call('PUT', `/pairs/${encodeURIComponent(pairId)}/rating`, z.unknown(), rating);
  }

  async withdrawRating(pairId: string): Promise<void> {
    await this.call('DELETE', `/pairs/${encodeURIComponent(pairId)}/rating`, z.unknown());
  }

  lookupJoin(slotCode: string) {
    return this.call('POST', '/programme-joins/lookup', joinLookupResponse, { slotCode });
  }

  startJoin(join: { slotCode: string; share: string }) {
    return this.call('POST', '/programme-joins/start', joinStartResponse, join);
  }

  acceptJoin(answer: { slotCode: string; pairId: string; inviterShare: string; share: string; confirm: string }) {
    return this.call('POST', '/programme-joins/accept', joinAcceptResponse, answer);
  }

  pull(pairId: string, after: number, limit = 200) {
    return this.call('GET', `/pairs/${encodeURIComponent(pairId)}/messages?after=${after}&limit=${limit}`, pullResponse);
  }
}
