// lib/calls/recording.ts: which recording URLs the portal fetches, which addresses it connects to,
// and that a host name really streams (the connection pinned to the checked address).
import https from "node:https";
import net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { checkRecordingUrl, fetchRecording, isPrivateAddress, pinnedLookup, RecordingRefused, type Resolver } from "@/lib/calls/recording";
import { recordingHostsSchema, recordingPinsSchema } from "@/lib/recording-hosts";
import { startSimulator, type Simulator } from "@/tools/whattalk-sim/server";
import { PINNED_TEST_CERT, PINNED_TEST_HOST, PINNED_TEST_KEY } from "../support/tls-pinned-test";

const hosts = (list: string) => recordingHostsSchema.parse(list);
const pins = (list: string) => recordingPinsSchema.parse(list);
/** A resolver answering fixed addresses, and counting how often it was asked. */
function fixedResolver(...addresses: string[]): Resolver & { calls: number } {
  const resolve = Object.assign(async () => {
    resolve.calls++;
    return addresses.map((address) => ({ address, family: net.isIP(address) }));
  }, { calls: 0 });
  return resolve;
}

describe("isPrivateAddress: IANA's special-purpose ranges, edges included", () => {
  // [address, refused, range]: the first and last address of each range, and its neighbours.
  const table: [string, boolean, string][] = [
    ["0.0.0.0", true, "0.0.0.0/8"], ["0.255.255.255", true, "0.0.0.0/8"], ["1.0.0.0", false, "after 0.0.0.0/8"],
    ["9.255.255.255", false, "before 10/8"], ["10.0.0.0", true, "10/8"], ["10.255.255.255", true, "10/8"], ["11.0.0.0", false, "after 10/8"],
    ["100.63.255.255", false, "before 100.64/10"], ["100.64.0.0", true, "100.64/10"], ["100.127.255.255", true, "100.64/10"], ["100.128.0.0", false, "after 100.64/10"],
    ["126.255.255.255", false, "before 127/8"], ["127.0.0.0", true, "127/8"], ["127.255.255.255", true, "127/8"], ["128.0.0.0", false, "after 127/8"],
    ["169.253.255.255", false, "before 169.254/16"], ["169.254.0.0", true, "169.254/16"], ["169.254.169.254", true, "169.254/16"], ["169.254.255.255", true, "169.254/16"], ["169.255.0.0", false, "after 169.254/16"],
    ["172.15.255.255", false, "before 172.16/12"], ["172.16.0.0", true, "172.16/12"], ["172.31.255.255", true, "172.16/12"], ["172.32.0.0", false, "after 172.16/12"],
    ["191.255.255.255", false, "before 192.0.0/24"], ["192.0.0.0", true, "192.0.0/24"], ["192.0.0.255", true, "192.0.0/24"], ["192.0.1.0", false, "after 192.0.0/24"],
    ["192.0.1.255", false, "before 192.0.2/24"], ["192.0.2.0", true, "192.0.2/24"], ["192.0.2.255", true, "192.0.2/24"], ["192.0.3.0", false, "after 192.0.2/24"],
    ["192.88.98.255", false, "before 192.88.99/24"], ["192.88.99.0", true, "192.88.99/24 (6to4 relay)"], ["192.88.99.255", true, "192.88.99/24"], ["192.88.100.0", false, "after 192.88.99/24"],
    ["192.167.255.255", false, "before 192.168/16"], ["192.168.0.0", true, "192.168/16"], ["192.168.255.255", true, "192.168/16"], ["192.169.0.0", false, "after 192.168/16"],
    ["198.17.255.255", false, "before 198.18/15"], ["198.18.0.0", true, "198.18/15"], ["198.19.255.255", true, "198.18/15"], ["198.20.0.0", false, "after 198.18/15"],
    ["198.51.99.255", false, "before 198.51.100/24"], ["198.51.100.0", true, "198.51.100/24"], ["198.51.100.255", true, "198.51.100/24"], ["198.51.101.0", false, "after 198.51.100/24"],
    ["203.0.112.255", false, "before 203.0.113/24"], ["203.0.113.0", true, "203.0.113/24"], ["203.0.113.255", true, "203.0.113/24"], ["203.0.114.0", false, "after 203.0.113/24"],
    ["223.255.255.255", false, "before 224/4"], ["224.0.0.0", true, "224/4 multicast"], ["239.255.255.255", true, "224/4"], ["240.0.0.0", true, "240/4"], ["255.255.255.255", true, "240/4"],
    ["8.8.8.8", false, "public"], ["1.1.1.1", false, "public"],

    ["::", true, "::/96"], ["::1", true, "::/96"], ["::7f00:1", true, "::/96 (IPv4-compatible)"], ["::808:808", true, "::/96"], ["::ffff:ffff", true, "::/96"], ["::1:0:0", true, "::/8, not global unicast"],
    ["::ffff:0.0.0.0", true, "::ffff:0:0/96 → 0/8"], ["::ffff:127.0.0.1", true, "::ffff:0:0/96 → 127/8"], ["::ffff:7f00:1", true, "::ffff:0:0/96 → 127/8"], ["::FFFF:7F00:0001", true, "::ffff:0:0/96 → 127/8"],
    ["0:0:0:0:0:ffff:a00:1", true, "::ffff:0:0/96 → 10/8"], ["0000:0000:0000:0000:0000:ffff:c0a8:0101", true, "::ffff:0:0/96 → 192.168/16"], ["::ffff:a9fe:a9fe", true, "::ffff:0:0/96 → 169.254/16"],
    ["::ffff:255.255.255.255", true, "::ffff:0:0/96 → 240/4"], ["::ffff:8.8.8.8", false, "::ffff:0:0/96 → public"], ["::ffff:808:808", false, "::ffff:0:0/96 → public"], ["::ffff:0:7f00:1", true, "::ffff:0:0:0/96 (SIIT)"],
    ["64:ff9b::", true, "64:ff9b::/96"], ["64:ff9b::808:808", true, "64:ff9b::/96 (NAT64)"], ["64:ff9b::ffff:ffff", true, "64:ff9b::/96"], ["64:ff9b::1:0:0", true, "after 64:ff9b::/96, not global unicast"],
    ["64:ff9b:1::", true, "64:ff9b:1::/48"], ["64:ff9b:1:ffff:ffff:ffff:ffff:ffff", true, "64:ff9b:1::/48"],
    ["100::", true, "100::/64 discard"], ["100::ffff:ffff:ffff:ffff", true, "100::/64"], ["100:0:0:1::", true, "100:0:0:1::/64 dummy"],
    ["1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true, "before 2000::/3"], ["2000::1", false, "2000::/3 global unicast"],
    ["2001::", true, "2001::/23"], ["2001::1", true, "2001::/32 Teredo"], ["2001:0:4136:e378:8000:63bf:3fff:fdd2", true, "2001::/32 Teredo"], ["2001:2::1", true, "2001:2::/48 benchmarking"],
    ["2001:20::1", true, "2001:20::/28 ORCHIDv2"], ["2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff", true, "2001::/23"], ["2001:200::", false, "after 2001::/23"],
    ["2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", false, "before 2001:db8::/32"], ["2001:db8::", true, "2001:db8::/32"], ["2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", true, "2001:db8::/32"], ["2001:db9::", false, "after 2001:db8::/32"],
    ["2001:ffff:ffff:ffff:ffff:ffff:ffff:ffff", false, "before 2002::/16"], ["2002::", true, "2002::/16 6to4"], ["2002:c0a8:101::1", true, "2002::/16 6to4"], ["2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true, "2002::/16"], ["2003::", false, "after 2002::/16"],
    ["3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff", false, "before 3fff::/20"], ["3fff::", true, "3fff::/20 documentation"], ["3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff", true, "3fff::/20"], ["3fff:1000::", false, "after 3fff::/20"],
    ["4000::", true, "after 2000::/3"], ["5f00::1", true, "5f00::/16 SRv6"],
    ["fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true, "before fc00::/7, not global unicast"], ["fc00::", true, "fc00::/7"], ["fd00::1", true, "fc00::/7"], ["fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true, "fc00::/7"],
    ["fe80::", true, "fe80::/10"], ["fe80::1", true, "fe80::/10"], ["febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true, "fe80::/10"],
    ["fec0::", true, "fec0::/10 site-local"], ["feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true, "fec0::/10"],
    ["ff00::", true, "ff00::/8 multicast"], ["ff02::1", true, "ff00::/8"], ["ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true, "ff00::/8"],
    ["2606:4700:4700::1111", false, "public"], ["2a00:1450:4001:81b::200e", false, "public"],
    ["fe80::1%eth0", true, "zone id"], ["recordings.whattalk.ai", true, "not an address"], ["", true, "not an address"],
  ];
  it.each(table)("%s → refused: %s (%s)", (ip, refused) => {
    expect(isPrivateAddress(ip)).toBe(refused);
  });
});

describe("checkRecordingUrl", () => {
  it("allows only listed hosts, with the listed port", async () => {
    const list = hosts("http://127.0.0.1:4010,recordings.whattalk.ai");
    await expect(checkRecordingUrl("http://127.0.0.1:4010/recordings/calls/1.wav", { hosts: list })).resolves.toMatchObject({ address: "127.0.0.1", family: 4 });
    for (const url of [
      "http://127.0.0.1:4011/recordings/calls/1.wav",
      "https://evil.example/x.mp3",
      "https://recordings.whattalk.ai:8443/x.mp3",
      "https://user:pw@recordings.whattalk.ai/x.mp3",
      "ftp://recordings.whattalk.ai/x.mp3",
      "not a url",
    ]) {
      await expect(checkRecordingUrl(url, { hosts: list, resolve: fixedResolver("93.184.215.14") }), url).rejects.toBeInstanceOf(RecordingRefused);
    }
  });

  it("refuses plain http unless the entry names http:// (https is the default)", async () => {
    const resolve = fixedResolver("93.184.215.14");
    await expect(checkRecordingUrl("http://127.0.0.1:4010/x.wav", { hosts: hosts("127.0.0.1:4010") })).rejects.toThrow("plain http not allowed for this host");
    await expect(checkRecordingUrl("http://recordings.whattalk.ai/x.mp3", { hosts: hosts("recordings.whattalk.ai"), resolve })).rejects.toThrow("plain http not allowed for this host");
    await expect(checkRecordingUrl("https://recordings.whattalk.ai/x.mp3", { hosts: hosts("recordings.whattalk.ai"), resolve })).resolves.toMatchObject({ address: "93.184.215.14" });
    await expect(checkRecordingUrl("https://recordings.whattalk.ai:443/x.mp3", { hosts: hosts("recordings.whattalk.ai"), resolve })).resolves.toMatchObject({ address: "93.184.215.14" });
    // An http:// entry allows http only, on its port (80 when none is written).
    await expect(checkRecordingUrl("http://recordings.whattalk.ai/x.mp3", { hosts: hosts("http://recordings.whattalk.ai"), resolve })).resolves.toMatchObject({ address: "93.184.215.14" });
    await expect(checkRecordingUrl("https://recordings.whattalk.ai/x.mp3", { hosts: hosts("http://recordings.whattalk.ai"), resolve })).rejects.toThrow("host not allowed");
    await expect(checkRecordingUrl("http://recordings.whattalk.ai:8080/x.mp3", { hosts: hosts("http://recordings.whattalk.ai"), resolve })).rejects.toThrow("host not allowed");
  });

  it("allows an IPv6 literal with its port, in any spelling", async () => {
    const list = hosts("http://[::1]:4010,[2001:db8::5]");
    await expect(checkRecordingUrl("http://[::1]:4010/x.wav", { hosts: list })).resolves.toMatchObject({ address: "::1", family: 6 });
    await expect(checkRecordingUrl("http://[0:0:0:0:0:0:0:1]:4010/x.wav", { hosts: list })).resolves.toMatchObject({ address: "::1", family: 6 });
    await expect(checkRecordingUrl("https://[2001:db8:0::5]/x.wav", { hosts: list })).resolves.toMatchObject({ address: "2001:db8::5" });
    await expect(checkRecordingUrl("http://[::1]:4011/x.wav", { hosts: list })).rejects.toThrow("host not allowed");
    await expect(checkRecordingUrl("http://[::2]:4010/x.wav", { hosts: list })).rejects.toThrow("host not allowed");
  });

  it("resolves a host name through the resolver it is given, and refuses it when any answer is private", async () => {
    const list = hosts("recordings.whattalk.ai");
    const url = "https://recordings.whattalk.ai/calls/1.mp3";
    await expect(checkRecordingUrl(url, { hosts: list, resolve: fixedResolver("2606:4700:4700::1111", "1.1.1.1") })).resolves.toMatchObject({ address: "2606:4700:4700::1111", family: 6 });
    for (const answer of [["10.0.0.5"], ["93.184.215.14", "127.0.0.1"], ["::ffff:7f00:1"], ["fd00::7"], ["64:ff9b::a00:5"], []]) {
      await expect(checkRecordingUrl(url, { hosts: list, resolve: fixedResolver(...answer) }), answer.join()).rejects.toThrow("resolves to a private address");
    }
  });

  it("refuses a listed host name that the system's DNS resolves to loopback (no DNS rebinding into the network)", async () => {
    await expect(checkRecordingUrl("http://localhost:4010/x.wav", { hosts: hosts("http://localhost:4010") })).rejects.toThrow("resolves to a private address");
  });

  it("takes an operator's pin as it is (even a private address), for its host and port only, without asking DNS", async () => {
    const resolve = fixedResolver("10.0.0.5");
    const sources = { hosts: hosts("http://recordings.internal.test:4010,recordings.internal.test"), pins: pins("recordings.internal.test:4010:10.0.0.5"), resolve };
    await expect(checkRecordingUrl("http://recordings.internal.test:4010/x.wav", sources)).resolves.toMatchObject({ address: "10.0.0.5", family: 4 });
    expect(resolve.calls).toBe(0);
    // The same name on another port is not pinned: its DNS answer is private, so it is refused.
    await expect(checkRecordingUrl("https://recordings.internal.test/x.wav", sources)).rejects.toThrow("resolves to a private address");
    expect(resolve.calls).toBe(1);
    // A pin never allows a host: the list does.
    await expect(checkRecordingUrl("http://other.internal.test:4010/x.wav", { ...sources, pins: pins("other.internal.test:4010:10.0.0.5") })).rejects.toThrow("host not allowed");
    // IPv6 pins.
    await expect(checkRecordingUrl("https://recordings.internal.test/x.wav", { ...sources, pins: pins("recordings.internal.test:443:[fd00::0:7]") })).resolves.toMatchObject({ address: "fd00::7", family: 6 });
  });
});

describe("pinnedLookup answers both forms Node asks", () => {
  const ask = (options: { all?: boolean; family?: number }) =>
    new Promise<unknown[]>((resolve) => pinnedLookup("203.0.113.7", 4)("recordings.example", options, (...args) => resolve(args)));

  it("a list when asked with all: true (autoSelectFamily), an address and family otherwise", async () => {
    expect(await ask({ all: true })).toEqual([null, [{ address: "203.0.113.7", family: 4 }]]);
    expect(await ask({})).toEqual([null, "203.0.113.7", 4]);
    expect(await ask({ family: 4 })).toEqual([null, "203.0.113.7", 4]);
  });
});

describe("a recording by host name streams through node's own http and https", () => {
  let sim: Simulator;
  let path: string;
  const defaultAutoSelect = net.getDefaultAutoSelectFamily();
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, host: "127.0.0.1", anchor: "2025-03-31T22:30:00Z", quiet: true });
    const call = sim.calls("wt_demo_alpha").find((c) => c.recording_url !== null)!;
    path = new URL(call.recording_url!).pathname;
  });
  afterAll(() => sim?.close());
  afterEach(() => net.setDefaultAutoSelectFamily(defaultAutoSelect));

  it.each([true, false])("http, autoSelectFamily %s: a name pinned to the simulator, with Range", async (autoSelect) => {
    net.setDefaultAutoSelectFamily(autoSelect);
    const port = new URL(sim.url).port;
    const sources = { hosts: hosts(`http://recordings.sim.test:${port}`), pins: pins(`recordings.sim.test:${port}:127.0.0.1`) };
    const whole = await fetchRecording(`http://recordings.sim.test:${port}${path}`, null, sources);
    expect(whole.status).toBe(200);
    const bytes = Buffer.concat(await whole.body.toArray());
    expect(bytes.subarray(0, 4).toString("ascii")).toBe("RIFF");
    const part = await fetchRecording(`http://recordings.sim.test:${port}${path}`, "bytes=4-11", sources);
    expect(part.status).toBe(206);
    expect(part.headers["content-range"]).toBe(`bytes 4-11/${bytes.length}`);
    expect(Buffer.concat(await part.body.toArray())).toEqual(bytes.subarray(4, 12));
  });

  it("https with autoSelectFamily: the pinned connection still checks the certificate against the name", async () => {
    net.setDefaultAutoSelectFamily(true);
    const server = https.createServer({ key: PINNED_TEST_KEY, cert: PINNED_TEST_CERT }, (req, res) => res.end(`hello ${req.headers.host}`));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as net.AddressInfo).port;
    const get = (host: string) =>
      new Promise<string>((resolve, reject) => {
        const req = https.request(`https://${host}:${port}/`, { ca: PINNED_TEST_CERT, lookup: pinnedLookup("127.0.0.1", 4) }, async (res) => {
          resolve(Buffer.concat(await res.toArray()).toString());
        });
        req.on("error", reject);
        req.end();
      });
    try {
      expect(await get(PINNED_TEST_HOST)).toBe(`hello ${PINNED_TEST_HOST}:${port}`);
      await expect(get("other.pinned.test")).rejects.toThrow(/altnames|certificate/i);
    } finally {
      server.close();
    }
  });
});
