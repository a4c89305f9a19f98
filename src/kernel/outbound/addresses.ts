import net from 'node:net';

/*
 * Addresses an outbound request must never reach on its own: the machine itself, the networks behind it,
 * the cloud's metadata service (169.254.169.254), addresses that mean "everyone" or "nobody", and ranges
 * reserved for documentation and tests, which have no business being the target of a real request.
 */

const blockedIpv4: [string, number][] = [
  ['0.0.0.0', 8], // "this network", the unspecified address
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, the cloud metadata service
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation (TEST-NET-1)
  ['192.88.99.0', 24], // 6to4 relays
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation (TEST-NET-2)
  ['203.0.113.0', 24], // documentation (TEST-NET-3)
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, 255.255.255.255 (broadcast) included
];

const blockedIpv6: [string, number][] = [
  ['::', 96], // unspecified, loopback and the IPv4-compatible addresses
  ['64:ff9b:1::', 48], // NAT64 for local use
  ['100::', 64], // discard
  ['2001::', 23], // IETF protocol assignments, Teredo included
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4, which could carry any IPv4 address
  ['3fff::', 20], // documentation
  ['fc00::', 7], // unique-local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated, still routed by some)
  ['ff00::', 8], // multicast
];

const blocked = new net.BlockList();
for (const [address, prefix] of blockedIpv4) blocked.addSubnet(address, prefix, 'ipv4');
for (const [address, prefix] of blockedIpv6) blocked.addSubnet(address, prefix, 'ipv6');

/** The eight 16-bit groups of an IPv6 address, dotted IPv4 tails included. */
function ipv6Groups(address: string): number[] {
  // The URL parser writes every IPv6 spelling in one canonical, hexadecimal form.
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const [head = '', tail] = canonical.split('::');
  const part = (text: string) => (text === '' ? [] : text.split(':').map((group) => parseInt(group, 16)));
  const start = part(head);
  const end = tail === undefined ? [] : part(tail);
  return [...start, ...new Array<number>(8 - start.length - end.length).fill(0), ...end];
}

/** The IPv4 address inside a NAT64 address (64:ff9b::/96), whose translator would forward to it. */
function nat64Target(address: string): string | null {
  const groups = ipv6Groups(address);
  const isNat64 = groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((group) => group === 0);
  if (!isNat64) return null;
  const [high = 0, low = 0] = groups.slice(6);
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/**
 * Whether an outbound request must not go to this IP address. IPv4-mapped IPv6 addresses (::ffff:a.b.c.d)
 * are judged as the IPv4 address they carry (net.BlockList does so itself), NAT64 addresses likewise.
 * Anything that is not a valid address is refused too.
 */
export function isBlockedAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family !== 6) return true;
  try {
    const embedded = nat64Target(address);
    return blocked.check(address, 'ipv6') || (embedded !== null && blocked.check(embedded, 'ipv4'));
  } catch {
    return true;
  }
}
