import { randomBytes } from "node:crypto";
import { crc32, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { SplicedBody } from "~/lib/spliced-body.server";

/** Text without NUL bytes (a gzipped body's parts may not hold one), of `length` bytes. */
const text = (length: number) => Buffer.from(randomBytes(length).map((byte) => (byte === 0 ? 1 : byte)));

describe("a spliced body", () => {
  it.each([
    ["one part, no slot", [5_000]],
    ["an empty first and last part", [0, 300, 0]],
    ["parts past deflate's 32 KB window", [40_000, 70_000, 1, 33_000]],
    ["many small parts", Array.from({ length: 40 }, (_, index) => index * 7)],
  ])("gzips to a valid stream of the body with each response's slot, its CRC and length in the trailer: %s", (_name, lengths) => {
    const parts = lengths.map(text);
    const body = new SplicedBody(parts, 24, { gzip: true });
    for (const slot of [text(24), text(24)]) {
      const whole = body.identity(slot);
      expect(whole.byteLength).toBe(lengths.reduce((sum, length) => sum + length, 24 * (lengths.length - 1)));
      const gzipped = body.gzip(slot);
      // gunzip checks the trailer's CRC-32 and length, and refuses a mismatch.
      expect(gunzipSync(gzipped).equals(whole)).toBe(true);
      expect(gzipped.readUInt32LE(gzipped.byteLength - 8)).toBe(crc32(whole));
    }
  });

  it("refuses a slot of another length, and a part with a NUL byte when it is to be gzipped", () => {
    const body = new SplicedBody([text(10), text(10)], 24, { gzip: true });
    expect(() => body.gzip(text(23))).toThrow(/24 bytes, not 23/);
    expect(() => new SplicedBody([Buffer.from([65, 0, 66])], 24, { gzip: true })).toThrow(/NUL/);
  });
});
