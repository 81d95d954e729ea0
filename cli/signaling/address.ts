import { isIPv6 } from 'node:net';

/**
 * The key connections are counted under for the per-address limit. IPv4-mapped IPv6 addresses
 * count as their IPv4 address; other IPv6 addresses count per /64, because one host is
 * normally given a whole /64 and could otherwise open connections from 2^64 addresses.
 */
export function addressKey(remoteAddress: string | undefined): string {
  if (!remoteAddress) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(remoteAddress);
  if (mapped?.[1]) return mapped[1];
  if (!isIPv6(remoteAddress)) return remoteAddress;
  const withoutZone = remoteAddress.split('%')[0] ?? remoteAddress;
  return `${expandIPv6(withoutZone).slice(0, 4).join(':')}::/64`;
}

/** The eight hextets of an IPv6 address, with `::` expanded (dotted IPv4 tails become two hextets). */
function expandIPv6(address: string): string[] {
  const toHextets = (part: string): string[] => {
    if (part === '') return [];
    return part.split(':').flatMap((group) => {
      if (!group.includes('.')) return [group.toLowerCase().replace(/^0+(?=.)/, '')];
      const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
      return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
    });
  };
  const [head = '', tail] = address.split('::');
  const left = toHextets(head);
  if (tail === undefined) return left;
  const right = toHextets(tail);
  return [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
}
