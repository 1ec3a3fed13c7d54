// isLoopbackHost: what gateway.yaml's GW108, the server's bind check and its DNS-rebinding check all call loopback.
import { expect, test } from "vitest";
import { isLoopbackHost } from "../../../runtime/shared/loopback.js";

test.each([
  ["localhost", true],
  ["LocalHost", true],
  ["foo.localhost", true],
  ["127.0.0.1", true],
  ["127.1.2.3", true],
  ["::1", true],
  ["[::1]", true],
  ["::ffff:127.0.0.1", true],
  ["[::ffff:127.0.0.1]", true],
  ["0.0.0.0", false], // every interface
  ["::", false],
  ["[::]", false],
  ["10.0.0.1", false],
  ["128.0.0.1", false],
  ["127.0.0.1.example.com", false],
  ["localhost.example.com", false],
  ["notlocalhost", false],
  ["example.com", false],
  ["[localhost]", false], // brackets hold IPv6 addresses only
  ["", false],
] as [string, boolean][])("isLoopbackHost(%j) = %s", (host, want) => {
  expect(isLoopbackHost(host)).toBe(want);
});
