/**
 * Programmes for the relay suites: created through the admin routes, as the command line does,
 * and pairs joined to them through invites that name the programme.
 */
import { expect } from 'vitest';
import type { CreateProgrammeRequest, CreateProgrammeResponse } from '@/relay/admin-api';
import type { Device, TestRelay } from './harness';

export const ADMIN_SECRET = 'operator-secret-0123456789abcdef';
export const DAY = 24 * 60 * 60 * 1000;

export async function createProgramme(
  relay: TestRelay,
  request: Partial<CreateProgrammeRequest> & { startsAt: number; endsAt: number },
): Promise<CreateProgrammeResponse> {
  const res = await relay.call<CreateProgrammeResponse>('POST', '/admin/programmes', {
    token: ADMIN_SECRET,
    json: { name: 'Digital buddies 2027', ...request },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** A senior (the learner, who invites) and a junior (the helper) paired inside the programme. */
export async function programmePair(relay: TestRelay, programmeId: string, senior?: Device, junior?: Device) {
  const seniorDevice = senior ?? (await relay.register());
  const juniorDevice = junior ?? (await relay.register());
  const pair = await relay.pair(seniorDevice, juniorDevice, 'learner', undefined, { programmeId });
  return { senior: seniorDevice, junior: juniorDevice, pairId: pair.pairId };
}
