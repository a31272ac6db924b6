/**
 * The background's standing cost (issue 16): the poll alarm and the push channels exist while there
 * is something to watch, and only then. Each transition through fakeBrowser's alarms.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Identity } from '@/lib/db/db';
import { createBackgroundSync, SYNC_ALARM } from '@/lib/sync/background-sync';
import { leavePair } from '@/lib/sync/leave-pair';
import { speak } from '../helpers/i18n';
import { DOUBLE_URL, RelayDouble } from '../helpers/relay-double';

type Device = Awaited<ReturnType<RelayDouble['device']>>;

/** The background of one device, with a stand-in for its WebSockets that records which relays it keeps open. */
function backgroundOf(device: Device) {
  const followed: Identity[][] = [];
  const sync = createBackgroundSync(device.db, { client: device.deps.client, now: device.deps.now }, () => ({
    follow: (identities) => void followed.push(identities),
  }));
  return { sync, openChannels: () => followed.at(-1)?.map((identity) => identity.relayUrl) };
}

const pollAlarm = () => browser.alarms.get(SYNC_ALARM);

describe('what wakes the background', () => {
  let relay: RelayDouble;
  beforeEach(() => {
    fakeBrowser.reset();
    speak('en');
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    relay = new RelayDouble();
  });

  it('with no pair, nothing: no poll alarm, no push channel, even with a device registered', async () => {
    const anne = await relay.device('Anne');
    const background = backgroundOf(anne);
    await background.sync.wake();
    expect(await pollAlarm()).toBeUndefined();
    expect(background.openChannels()).toEqual([]);
  });

  it('a first pair gets the alarm and the push channel at the round that finds it', async () => {
    const anne = await relay.device('Anne');
    const karim = await relay.device('Karim');
    const background = backgroundOf(anne);
    await background.sync.wake();
    expect(await pollAlarm()).toBeUndefined();

    await relay.pair(anne, karim);
    await background.sync.request();
    expect(await pollAlarm()).toMatchObject({ periodInMinutes: 1 });
    expect(background.openChannels()).toEqual([DOUBLE_URL]);
  });

  it('leaving the last pair clears the alarm and closes the channel; leaving one of two does not', async () => {
    const anne = await relay.device('Anne');
    const karim = await relay.device('Karim');
    const lea = await relay.device('Léa');
    const withKarim = await relay.pair(anne, karim);
    const withLea = await relay.pair(anne, lea);
    const background = backgroundOf(anne);
    await background.sync.wake();
    expect(await pollAlarm()).toBeDefined();

    await leavePair(anne.deps, withKarim);
    await background.sync.request();
    expect(await pollAlarm()).toBeDefined();
    expect(background.openChannels()).toEqual([DOUBLE_URL]);

    await leavePair(anne.deps, withLea);
    await background.sync.request();
    expect(await pollAlarm()).toBeUndefined();
    expect(background.openChannels()).toEqual([]);
  });

  it('the buddy leaving the last pair clears it at the round that learns it', async () => {
    const anne = await relay.device('Anne');
    const karim = await relay.device('Karim');
    const pairId = await relay.pair(anne, karim);
    const background = backgroundOf(anne);
    await background.sync.wake();
    expect(await pollAlarm()).toBeDefined();

    await leavePair(karim.deps, pairId);
    await background.sync.request();
    expect(await pollAlarm()).toBeUndefined();
  });

  it('the buddy’s device revoked by the relay’s operator clears it too', async () => {
    const anne = await relay.device('Anne');
    const karim = await relay.device('Karim');
    await relay.pair(anne, karim);
    const background = backgroundOf(anne);
    await background.sync.wake();
    expect(await pollAlarm()).toBeDefined();

    relay.devices.get(karim.id)!.revokedAt = 7_000;
    await background.sync.request();
    expect(await pollAlarm()).toBeUndefined();
    expect(background.openChannels()).toEqual([]);
  });

  it('an invite waiting for the buddy keeps it until its code expires', async () => {
    const anne = await relay.device('Anne');
    await anne.db.pairings.put({
      id: 'pairing-1',
      relayUrl: DOUBLE_URL,
      side: 'inviter',
      nameplate: 'ABCD',
      myRole: 'learner',
      secret: null,
      expectedConfirm: null,
      pairId: null,
      peerName: null,
      status: 'waiting',
      expiresAt: relay.now + 60_000,
      createdAt: relay.now,
    });
    const background = backgroundOf(anne);
    await background.sync.listen();
    expect(await pollAlarm()).toBeDefined();
    expect(background.openChannels()).toEqual([DOUBLE_URL]);

    relay.now += 60_000;
    await background.sync.request();
    expect((await anne.db.pairings.get('pairing-1'))?.status).toBe('expired');
    expect(await pollAlarm()).toBeUndefined();
  });

  it('at start-up, clears an alarm left with no pair (an older version made it anyway) and makes a missing one', async () => {
    const anne = await relay.device('Anne');
    const karim = await relay.device('Karim');
    await browser.alarms.create(SYNC_ALARM, { periodInMinutes: 1 });
    await backgroundOf(anne).sync.wake();
    expect(await pollAlarm()).toBeUndefined();

    await relay.pair(anne, karim);
    // A fresh worker (the browser restarted, and with it the alarms): it reconciles before its first round ends.
    await backgroundOf(anne).sync.listen();
    expect(await pollAlarm()).toMatchObject({ periodInMinutes: 1 });
  });

  it('a pair restored from an imported file has no relay to watch', async () => {
    const anne = await relay.device('Anne');
    const karim = await relay.device('Karim');
    const pairId = await relay.pair(anne, karim);
    await anne.db.pairs.update(pairId, { importedAt: 5_000 });
    const background = backgroundOf(anne);
    await background.sync.listen();
    expect(await pollAlarm()).toBeUndefined();
  });
});
