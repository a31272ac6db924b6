/**
 * The admin command line's device and pair commands, rows of relay/admin.ts's COMMANDS. Lists
 * print one line per row for people; --json gives the relay's answer for scripts.
 */
import { deletePairResponse, listDevicesResponse, listPairsAdminResponse, revokeDeviceResponse } from './admin-api.ts';
import { quoted, UsageError, type Command } from './admin-client.ts';

const when = (ms: number) => new Date(ms).toISOString();

function onlyArgument(name: string, what: string, args: string[]): string {
  const [value, ...extra] = args;
  if (!value || extra.length > 0) throw new UsageError(`${name} takes exactly one ${what}.`);
  return value;
}

function noArguments(name: string, args: string[]) {
  if (args.length > 0) throw new UsageError(`${name} takes no arguments.`);
}

export const DEVICE_COMMANDS: Record<string, Command> = {
  devices: {
    usage: 'devices   list every device: id, name, when it registered, whether it is revoked, its pairs',
    async run(client, args) {
      noArguments('devices', args);
      const { devices } = await client.call('GET', '/devices', listDevicesResponse);
      const lines = devices.map(
        (d) =>
          `${d.deviceId}  ${quoted(d.displayName)}  registered ${when(d.createdAt)}  ${d.revokedAt === null ? 'active' : `revoked ${when(d.revokedAt)}`}  ${d.pairs === 1 ? '1 pair' : `${d.pairs} pairs`}`,
      );
      const count = devices.length === 1 ? '1 device' : `${devices.length} devices`;
      return { sentence: [`${count} on this relay.`, ...lines].join('\n'), json: { devices } };
    },
  },
  pairs: {
    usage: 'pairs   list every pair: id, members, messages the relay still holds, whether it ended',
    async run(client, args) {
      noArguments('pairs', args);
      const { pairs } = await client.call('GET', '/pairs', listPairsAdminResponse);
      const lines = pairs.map(
        (p) =>
          `${p.pairId}  members ${p.memberDeviceIds.join(' ')}  created ${when(p.createdAt)}  ${p.storedMessages} of ${p.lastSeq} messages held, ${p.storedBytes} bytes${p.leftAt === null ? '' : `  ended ${when(p.leftAt)}`}${p.programmeId ? `  programme ${p.programmeId}` : ''}`,
      );
      const count = pairs.length === 1 ? '1 pair' : `${pairs.length} pairs`;
      return { sentence: [`${count} on this relay.`, ...lines].join('\n'), json: { pairs } };
    },
  },
  revoke: {
    usage: 'revoke <deviceId>   revoke a lost or stolen device: its token stops, its connections close, its buddies are told',
    async run(client, args) {
      const deviceId = onlyArgument('revoke', 'device id', args);
      const revoked = await client.call('POST', `/devices/${encodeURIComponent(deviceId)}/revoke`, revokeDeviceResponse);
      const buddies = revoked.buddiesTold === 1 ? '1 buddy was' : `${revoked.buddiesTold} buddies were`;
      const sentence = revoked.alreadyRevoked
        ? `Device ${revoked.deviceId} (${quoted(revoked.displayName)}) was already revoked on ${when(revoked.revokedAt)}; its live connections were told to close again and ${buddies} told again.`
        : `Device ${revoked.deviceId} (${quoted(revoked.displayName)}) is revoked: its token no longer works, its live connections are closing, and ${buddies} told.`;
      return { sentence, json: revoked };
    },
  },
  'delete-pair': {
    usage:
      'delete-pair <pairId>   delete a pair and every envelope the relay holds for it (both logs keep their copy); its members are told',
    async run(client, args) {
      const pairId = onlyArgument('delete-pair', 'pair id', args);
      const deleted = await client.call('DELETE', `/pairs/${encodeURIComponent(pairId)}`, deletePairResponse);
      const messages = deleted.deletedMessages === 1 ? '1 message' : `${deleted.deletedMessages} messages`;
      const members = deleted.membersTold === 1 ? '1 member was' : `${deleted.membersTold} members were`;
      return {
        sentence: `Pair ${deleted.pairId} is deleted with the ${messages} the relay held for it; ${members} told.`,
        json: deleted,
      };
    },
  },
};
