// Which hosts reach only this machine: one answer for gateway.yaml's public-bind check (GW108), the server's
// refusal to bind a public address without inbound auth, and its DNS-rebinding Host and Origin checks.

/** A dotted-quad IPv4 address in 127.0.0.0/8. */
const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/**
 * True for names and addresses that only reach this machine: `localhost` and any `*.localhost` name (RFC 6761
 * reserves them for loopback), 127.0.0.0/8, and `::1` or an IPv4-mapped 127 address, bare or in brackets as in
 * URLs and Host headers. Case-insensitive; takes a host without a port.
 * @example isLoopbackHost("[::1]") → true; isLoopbackHost("0.0.0.0") → false (every interface)
 */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase();
  if (name.startsWith("[") && name.endsWith("]")) return isLoopbackIPv6(name.slice(1, -1));
  return name === "localhost" || name.endsWith(".localhost") || IPV4_LOOPBACK.test(name) || isLoopbackIPv6(name);
}

function isLoopbackIPv6(address: string): boolean {
  return address === "::1" || (address.startsWith("::ffff:") && IPV4_LOOPBACK.test(address.slice("::ffff:".length)));
}
