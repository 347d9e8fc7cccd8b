import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * SSRF guard for webhook deliveries (DOMAIN.md 7): an endpoint's host is resolved when a delivery is sent, and every
 * address it resolves to must be public unicast; private, loopback, link-local (the cloud metadata service at
 * 169.254.169.254), unique-local, CGNAT, multicast and reserved ones are refused. The connection then goes to the very
 * address that was checked, so a name cannot resolve to a public address for the check and a private one for the send.
 * ipaddr.js (the range tables express's proxy-addr uses) classifies addresses; IPv4-mapped IPv6 is read as IPv4.
 */

/** Why the address may not be reached, or undefined when it may. */
export function refusedAddress(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  const parsed = ipaddr.process(address);
  // IPv4-compatible IPv6 (::a.b.c.d, deprecated) is "unicast" to ipaddr.js but names an IPv4 address of any kind.
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).parts.slice(0, 6).every((part) => part === 0)) return `${address} is an IPv4-compatible address`;
  const range = parsed.range();
  return range === 'unicast' ? undefined : `${address} is a ${range} address`;
}

export class AddressRefused extends Error {
  readonly code = 'ADDRESS_REFUSED';
}

type Resolve = (hostname: string) => Promise<LookupAddress[]>;
const resolveAll: Resolve = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request that refuses a host any of whose addresses is not public, unless private networks are
 * allowed; `resolve` is the system resolver, replaceable in unit tests.
 */
export function guardedLookup(allowPrivateNetworks: boolean, resolve: Resolve = resolveAll) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    const host = hostname.replace(/^\[|\]$/g, '');
    const addresses: Promise<LookupAddress[]> = isIP(host) ? Promise.resolve([{ address: host, family: isIP(host) }]) : resolve(host);
    addresses.then(
      (found) => {
        if (found.length === 0) return callback(Object.assign(new Error(`${host} has no address`), { code: 'ENOTFOUND' }), '');
        const refused = allowPrivateNetworks ? undefined : found.map((a) => refusedAddress(a.address)).find(Boolean);
        if (refused) return callback(new AddressRefused(`${host}: ${refused}; webhooks reach public addresses only`), '');
        if (options.all) return callback(null, found);
        callback(null, found[0].address, found[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}
