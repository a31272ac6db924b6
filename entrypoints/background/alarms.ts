/** The poll alarm: the backstop that delivers within a minute when push is down or the worker was stopped. */
import type { Browser } from 'wxt/browser';
import { SYNC_ALARM, type BackgroundSync } from '@/lib/sync/background-sync';

export function onAlarm(sync: Pick<BackgroundSync, 'wake'>) {
  return (alarm: Browser.alarms.Alarm): void => {
    if (alarm.name === SYNC_ALARM) void sync.wake();
  };
}
