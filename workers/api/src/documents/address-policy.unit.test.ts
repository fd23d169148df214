import { describe, expect, it } from "vitest";
import { isPrivateIpv6, parseIpv6, refusedHost } from "./address-policy";
import { refusedUrl } from "./fetch-url";

describe("refusedUrl: every spelling of a private address is refused (issue 13)", () => {
  it.each([
    // trailing dots and their percent-encoded form: a resolver treats them as the bare name
    "http://localhost./",
    "http://localhost%2e/",
    "http://LOCALHOST%2E%2E/",
    "http://metadata.google.internal./",
    "http://printer.local./",
    "http://10.0.0.1./",
    "http://%6c%6fcalhost/",
    "http://ｌｏｃａｌｈｏｓｔ/",
    // IPv4 in other notations (the URL parser turns them into 127.0.0.1; still refused)
    "http://0x7f000001/",
    "http://0x7f.1/",
    "http://0177.0.0.1/",
    "http://017700000001/",
    "http://127.1/",
    "http://2130706433/",
    "http://0/",
    "http://100.64.0.1/",
    "http://198.18.0.1/",
    "http://255.255.255.255/",
    // IPv4 hidden inside IPv6
    "http://[64:ff9b::7f00:1]/",
    "http://[64:ff9b::127.0.0.1]/",
    "http://[64:ff9b::a9fe:a9fe]/",
    "http://[64:ff9b:1::a00:1]/",
    "http://[::127.0.0.1]/",
    "http://[::7f00:1]/",
    "http://[::ffff:7f00:1]/",
    "http://[0:0:0:0:0:ffff:10.0.0.1]/",
    "http://[::ffff:0:192.168.0.1]/",
    "http://[::ffff:169.254.169.254]/",
    "http://[2002:7f00:1::]/",
    "http://[2002:c0a8:101::1]/",
    "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/",
    // IPv6 special ranges
    "http://[::]/",
    "http://[::1]/",
    "http://[0:0:0:0:0:0:0:1]/",
    "http://[fe80::1]/",
    "http://[fec0::1]/",
    "http://[fc00::1]/",
    "http://[ff02::1]/",
    "http://[2001:db8::1]/",
    "http://[100::1]/",
  ])("refuses %s", (url) => {
    expect(refusedUrl(url)).toMatch(/private or loopback/);
  });

  it("still allows public hosts and public addresses in every form", () => {
    for (const url of [
      "https://en.wikipedia.org/wiki/Photosynthesis",
      "https://en.wikipedia.org./wiki/Photosynthesis",
      "http://93.184.216.34/page",
      "http://[2606:4700:4700::1111]/",
      "http://[::ffff:93.184.216.34]/",
      "http://[64:ff9b::5db8:d822]/",
    ]) {
      expect(refusedUrl(url), url).toBeNull();
    }
  });

  it("parses IPv6 literals into eight groups, embedded dotted quads included", () => {
    expect(parseIpv6("[::127.0.0.1]")).toEqual([0, 0, 0, 0, 0, 0, 0x7f00, 1]);
    expect(parseIpv6("64:ff9b::7f00:1")).toEqual([0x64, 0xff9b, 0, 0, 0, 0, 0x7f00, 1]);
    expect(parseIpv6("1:2:3:4:5:6:7:8:9")).toBeUndefined();
    expect(parseIpv6("1::2::3")).toBeUndefined();
    expect(parseIpv6("fe80::1%eth0")).toBeUndefined();
    expect(isPrivateIpv6([0x2606, 0x4700, 0x4700, 0, 0, 0, 0, 0x1111])).toBe(false);
    expect(refusedHost("[not-an-address]")).toMatch(/private/);
  });
});
