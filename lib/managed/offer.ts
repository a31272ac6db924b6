/** Where a company said Binôme is never offered (its policy's `neverOfferOn`): payroll, HR, anything too sensitive to ask about. */
import { hostMatches } from '../capture/tools';
import type { ManagedPolicy } from './schema';

export function offeredOn(url: string | undefined, policy: ManagedPolicy): boolean {
  const never = policy.neverOfferOn ?? [];
  if (!url || never.length === 0) return true;
  let hostname: string;
  try {
    hostname = new URL(url).hostname.toLowerCase();
  } catch {
    return true;
  }
  return !never.some((host) => hostMatches(hostname, host));
}
