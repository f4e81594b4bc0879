// An undici Agent whose every new connection is checked where it is made. A host name goes through
// the guarded lookup (resolve → check → connect to exactly those addresses); an IP literal never
// reaches a lookup (`net.connect` skips DNS for it), so the connector checks it itself. Pooled
// keep-alive sockets were checked when they were opened and stay bound to that address.
import { isIP } from 'node:net';
import { Agent, buildConnector } from 'undici';
import { type AddressPolicy, createGuardedLookup, resolveAllowedAddresses } from './guarded-lookup.ts';

export function createGuardedAgent(policy: AddressPolicy): Agent {
  const connect = buildConnector({ lookup: createGuardedLookup(policy) });
  return new Agent({
    connect(options, callback) {
      if (isIP(options.hostname) === 0) {
        connect(options, callback);
        return;
      }
      resolveAllowedAddresses(options.hostname, policy).then(
        () => connect(options, callback),
        (err: Error) => callback(err, null),
      );
    },
  });
}
