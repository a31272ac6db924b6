import type { Device } from './store/relay-store.ts';

const MAX_REMEMBERED = 10_000;
export const DEVICE_CACHE_TTL_MS = 5 * 60_000;

/**
 * Token hash → device, for the routes whose own transaction checks again that the device is not
 * revoked (posting: relay/store/append-batch.ts), so that a remembered token can never outlive a
 * revocation there. It saves the sign-in query on every post of a busy device. A device's token
 * never changes; entries expire after a few minutes so that a renamed device is seen again.
 */
export class DeviceCache {
  private readonly byTokenHash = new Map<string, { device: Device; until: number }>();

  constructor(
    private readonly now: () => number,
    private readonly ttlMs = DEVICE_CACHE_TTL_MS,
  ) {}

  get(tokenHash: string): Device | undefined {
    const entry = this.byTokenHash.get(tokenHash);
    if (!entry) return undefined;
    if (entry.until > this.now()) return entry.device;
    this.byTokenHash.delete(tokenHash);
    return undefined;
  }

  remember(tokenHash: string, device: Device) {
    if (this.byTokenHash.size >= MAX_REMEMBERED) this.byTokenHash.delete(this.byTokenHash.keys().next().value!);
    this.byTokenHash.set(tokenHash, { device, until: this.now() + this.ttlMs });
  }

  /** The device was found revoked: its token is looked up in the database again, and refused there. */
  forget(deviceId: string) {
    for (const [tokenHash, entry] of this.byTokenHash) if (entry.device.id === deviceId) this.byTokenHash.delete(tokenHash);
  }

  get size(): number {
    return this.byTokenHash.size;
  }
}
