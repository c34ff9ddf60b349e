import { describe, expect, it } from "vitest";
import { checkRecordingUrl, isPrivateAddress, RecordingRefused } from "@/lib/calls/recording";

describe("recording URL checks", () => {
  it("knows private, loopback, link-local and mapped addresses", () => {
    for (const ip of ["127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fd00::1", "::ffff:10.0.0.1", "224.0.0.1"]) {
      expect(isPrivateAddress(ip), ip).toBe(true);
    }
    for (const ip of ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"]) expect(isPrivateAddress(ip), ip).toBe(false);
  });

  it("allows only listed hosts, with the listed port", async () => {
    await expect(checkRecordingUrl("http://127.0.0.1:4010/recordings/calls/1.wav", ["127.0.0.1:4010"])).resolves.toMatchObject({ address: "127.0.0.1" });
    await expect(checkRecordingUrl("http://127.0.0.1:4011/recordings/calls/1.wav", ["127.0.0.1:4010"])).rejects.toBeInstanceOf(RecordingRefused);
    await expect(checkRecordingUrl("https://evil.example/x.mp3", ["recordings.whattalk.ai"])).rejects.toBeInstanceOf(RecordingRefused);
    await expect(checkRecordingUrl("https://recordings.whattalk.ai:8443/x.mp3", ["recordings.whattalk.ai"])).rejects.toBeInstanceOf(RecordingRefused);
    await expect(checkRecordingUrl("https://user:pw@recordings.whattalk.ai/x.mp3", ["recordings.whattalk.ai"])).rejects.toBeInstanceOf(RecordingRefused);
    await expect(checkRecordingUrl("ftp://recordings.whattalk.ai/x.mp3", ["recordings.whattalk.ai"])).rejects.toBeInstanceOf(RecordingRefused);
    await expect(checkRecordingUrl("not a url", ["recordings.whattalk.ai"])).rejects.toBeInstanceOf(RecordingRefused);
  });

  it("refuses a listed host name that resolves to a private address (DNS rebinding)", async () => {
    await expect(checkRecordingUrl("http://localhost:4010/x.wav", ["localhost:4010"])).rejects.toThrow(/private/);
  });
});
