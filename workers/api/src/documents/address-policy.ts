/**
 * Which hosts a fetched URL may name. Works on the hostname the WHATWG URL parser produced, which has
 * already turned every IPv4 spelling (decimal, octal, hex, short forms) into a dotted quad, decoded
 * percent escapes and mapped full-width letters (IDNA), and compressed IPv6. What is left to undo:
 * trailing dots (`localhost.` is `localhost` to a resolver) and IPv4 addresses hidden inside IPv6
 * (IPv4-mapped, IPv4-compatible, NAT64, 6to4). Anything we cannot classify is refused, not guessed.
 */

const BLOCKED_NAMES = /^(localhost|metadata|metadata\.google\.internal|instance-data)$/;
const BLOCKED_SUFFIXES = /\.(localhost|local|internal|intranet|lan|home|corp|arpa|invalid|test|example|onion)$/;

type Cidr = [base: number, bits: number];

const ipv4Number = (a: number, b: number, c: number, d: number) => ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;

/** IPv4 ranges that are not the public internet (IANA special-purpose registry, RFC 6890). */
const PRIVATE_V4: Cidr[] = [
  [ipv4Number(0, 0, 0, 0), 8], // "this network"
  [ipv4Number(10, 0, 0, 0), 8],
  [ipv4Number(100, 64, 0, 0), 10], // carrier-grade NAT
  [ipv4Number(127, 0, 0, 0), 8],
  [ipv4Number(169, 254, 0, 0), 16], // link-local, cloud metadata
  [ipv4Number(172, 16, 0, 0), 12],
  [ipv4Number(192, 0, 0, 0), 24],
  [ipv4Number(192, 0, 2, 0), 24],
  [ipv4Number(192, 88, 99, 0), 24],
  [ipv4Number(192, 168, 0, 0), 16],
  [ipv4Number(198, 18, 0, 0), 15],
  [ipv4Number(198, 51, 100, 0), 24],
  [ipv4Number(203, 0, 113, 0), 24],
  [ipv4Number(224, 0, 0, 0), 4], // multicast
  [ipv4Number(240, 0, 0, 0), 4], // reserved, broadcast
];

function inCidr(address: number, [base, bits]: Cidr): boolean {
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return (address & mask) >>> 0 === (base & mask) >>> 0;
}

/** A dotted quad as a 32-bit number, or undefined when `host` is not one. */
export function parseIpv4(host: string): number | undefined {
  const parts = host.split(".");
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  const [a, b, c, d] = parts.map(Number) as [number, number, number, number];
  return ipv4Number(a, b, c, d);
}

export function isPrivateIpv4(address: number): boolean {
  return PRIVATE_V4.some((range) => inCidr(address, range));
}

/** Eight 16-bit groups of an IPv6 literal (with or without brackets), or undefined when it is not one. */
export function parseIpv6(literal: string): number[] | undefined {
  let text = literal.replace(/^\[|\]$/g, "").toLowerCase();
  if (!text.includes(":") || text.includes("%")) return undefined;
  // A trailing dotted quad counts as two groups.
  const quad = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (quad?.[1]) {
    const v4 = parseIpv4(quad[1]);
    if (v4 === undefined) return undefined;
    text = `${text.slice(0, -quad[1].length)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groupsOf = (part: string) => (part === "" ? [] : part.split(":"));
  const head = groupsOf(halves[0] ?? "");
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? "") : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return groups.map((g) => Number.parseInt(g, 16));
}

const embeddedV4 = (high: number, low: number) => ((high << 16) | low) >>> 0;

/** Whether an IPv6 address is anything but a plain public unicast address. */
export function isPrivateIpv6(groups: readonly number[]): boolean {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = groups;
  const zeroUpTo = (n: number) => groups.slice(0, n).every((g) => g === 0);
  // ::/96 (unspecified, loopback, deprecated IPv4-compatible ::a.b.c.d): nothing public lives here.
  if (zeroUpTo(6)) return true;
  // ::ffff:a.b.c.d (IPv4-mapped) and ::ffff:0:a.b.c.d (IPv4-translated): the IPv4 address decides.
  if (zeroUpTo(5) && g5 === 0xffff) return isPrivateIpv4(embeddedV4(g6, g7));
  if (zeroUpTo(4) && g4 === 0xffff && g5 === 0) return isPrivateIpv4(embeddedV4(g6, g7));
  // 64:ff9b::/96 (well-known NAT64): the IPv4 address decides; 64:ff9b:1::/48 is local-use NAT64.
  if (g0 === 0x64 && g1 === 0xff9b) {
    if (g2 === 1) return true;
    if (g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return isPrivateIpv4(embeddedV4(g6, g7));
    return true;
  }
  // 2002::/16 (6to4): the IPv4 address in the next 32 bits decides.
  if (g0 === 0x2002) return isPrivateIpv4(embeddedV4(g1, g2));
  // 2001:0::/32 Teredo (obfuscated IPv4), 2001:db8::/32 documentation, 2001:10::/28 ORCHID.
  if (g0 === 0x2001 && (g1 === 0 || g1 === 0xdb8 || (g1 & 0xfff0) === 0x10)) return true;
  if (g0 === 0x100 && g1 === 0 && g2 === 0 && g3 === 0) return true; // discard-only
  if ((g0 & 0xfe00) === 0xfc00) return true; // unique local
  if ((g0 & 0xffc0) === 0xfe80 || (g0 & 0xffc0) === 0xfec0) return true; // link-local, old site-local
  if ((g0 & 0xff00) === 0xff00) return true; // multicast
  // Global unicast is 2000::/3; anything else is unassigned.
  return (g0 & 0xe000) !== 0x2000;
}

/** Why `hostname` (as `new URL(...).hostname` gives it) may not be fetched, or null when it may. */
export function refusedHost(hostname: string): string | null {
  const host = hostname.toLowerCase().replace(/\.+$/, "");
  if (host === "") return "has no host";
  if (host.startsWith("[") || host.includes(":")) {
    const groups = parseIpv6(host);
    if (!groups || isPrivateIpv6(groups)) return "points to a private or loopback address";
    return null;
  }
  const v4 = parseIpv4(host);
  if (v4 !== undefined) return isPrivateIpv4(v4) ? "points to a private or loopback address" : null;
  // The URL parser turns every numeric spelling into a dotted quad; a numeric label left over is odd.
  if (/^[0-9.]+$/.test(host) || /^0x/i.test(host)) return "points to a private or loopback address";
  if (BLOCKED_NAMES.test(host) || BLOCKED_SUFFIXES.test(host) || !host.includes(".")) {
    return "points to a private or loopback address";
  }
  return null;
}
