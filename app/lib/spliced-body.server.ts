/**
 * A cached body that every response completes with bytes of its own (the CSP
 * nonce), kept both as is and gzipped. Compressing a page costs more than
 * serving it from the cache, and remix-serve's compression middleware would
 * do it on every request; here the parts between the slots are compressed
 * once, and a response's own bytes go in between as a stored (uncompressed)
 * deflate block, so a gzipped response costs a few copies and the CRC of
 * its own bytes: the parts' CRCs are computed once, and combined with the
 * slots' as zlib's crc32_combine does.
 */
import { crc32, constants, deflateRawSync } from "node:zlib";

/** gzip's header: deflate, no name or comment, no timestamp (the bytes depend on the content only), Unix. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03]);
/** An empty final stored block: ends the deflate stream that the parts leave open. */
const DEFLATE_END = Buffer.from([0x01, 0x00, 0x00, 0xff, 0xff]);
/** How far back deflate may refer. */
const WINDOW = 32 * 1024;
/** A stored block holds at most this many bytes. */
const STORED_MAX = 0xffff;
/** Stands in for the slots while compressing; the parts must not contain it. */
const FILLER_BYTE = 0x00;

export class SplicedBody {
  /**
   * Each part compressed on its own, ending on a byte boundary and not final,
   * so parts and stored blocks can follow; none for a body sent only once.
   */
  private readonly deflated: Buffer[] | undefined;
  /** What the gzip trailer needs that does not depend on the slots; none for a body sent only once. */
  private readonly trailerPlan: TrailerPlan | undefined;

  /**
   * `parts` are the body between the slots; every response puts
   * `slotLength` bytes of its own between each two.
   */
  constructor(
    private readonly parts: Buffer[],
    private readonly slotLength: number,
    { gzip }: { gzip: boolean },
  ) {
    if (slotLength > STORED_MAX) throw new RangeError(`A slot holds at most ${STORED_MAX} bytes`);
    if (gzip && parts.some((part) => part.includes(FILLER_BYTE))) throw new RangeError("A body to gzip must not contain NUL bytes");
    this.deflated = gzip ? deflateParts(parts, slotLength) : undefined;
    this.trailerPlan = gzip ? trailerPlan(parts, slotLength) : undefined;
  }

  get gzippable(): boolean {
    return this.deflated !== undefined;
  }

  /** Bytes kept, both forms: what the cache holding this body should count. */
  get size(): number {
    return [...this.parts, ...(this.deflated ?? [])].reduce((sum, part) => sum + part.byteLength, 0);
  }

  identity(slot: Buffer): Buffer<ArrayBuffer> {
    this.check(slot);
    return Buffer.concat(this.parts.flatMap((part, index) => (index === 0 ? [part] : [slot, part])));
  }

  gzip(slot: Buffer): Buffer<ArrayBuffer> {
    this.check(slot);
    if (!this.deflated || !this.trailerPlan) throw new Error("This body was kept without its gzip form");
    const stored = Buffer.alloc(5 + slot.byteLength);
    stored.writeUInt16LE(slot.byteLength, 1);
    stored.writeUInt16LE(~slot.byteLength & 0xffff, 3);
    slot.copy(stored, 5);

    const { firstCrc, following, slotShift, length } = this.trailerPlan;
    const slotCrc = crcOf(slot);
    let crc = firstCrc;
    for (const part of following) {
      crc = (times(slotShift, crc) ^ slotCrc) >>> 0;
      crc = (times(part.shift, crc) ^ part.crc) >>> 0;
    }
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(crc, 0);
    // gzip records the length modulo 2^32.
    trailer.writeUInt32LE(length % 2 ** 32, 4);

    return Buffer.concat([GZIP_HEADER, ...this.deflated.flatMap((part, index) => (index === 0 ? [part] : [stored, part])), DEFLATE_END, trailer]);
  }

  private check(slot: Buffer): void {
    if (slot.byteLength !== this.slotLength) throw new RangeError(`A slot takes ${this.slotLength} bytes, not ${slot.byteLength}`);
  }
}

/**
 * Compresses each part with what precedes it as the dictionary, filler in
 * place of the slots, so that a part may refer back to earlier parts (the
 * page's data repeats its text). The distances hold because every slot has
 * the filler's length, and no reference can reach into a slot because the
 * parts do not contain the filler byte.
 */
function deflateParts(parts: Buffer[], slotLength: number): Buffer[] {
  const filler = Buffer.alloc(slotLength, FILLER_BYTE);
  let before = Buffer.alloc(0);
  return parts.map((part, index) => {
    if (index > 0) before = Buffer.concat([before, filler]).subarray(-WINDOW);
    const options = { level: constants.Z_BEST_COMPRESSION, finishFlush: constants.Z_SYNC_FLUSH };
    const deflated = deflateRawSync(part, before.byteLength > 0 ? { ...options, dictionary: before } : options);
    before = Buffer.concat([before, part]).subarray(-WINDOW);
    return deflated;
  });
}

interface TrailerPlan {
  /** The first part's CRC-32. */
  firstCrc: number;
  /** Each part after a slot: its CRC-32, and what appending it does to the CRC before it. */
  following: Array<{ crc: number; shift: Gf2Matrix }>;
  /** What appending a slot does to the CRC before it. */
  slotShift: Gf2Matrix;
  /** The uncompressed length. */
  length: number;
}

function trailerPlan(parts: Buffer[], slotLength: number): TrailerPlan {
  const [first, ...following] = parts;
  return {
    firstCrc: first ? crcOf(first) : 0,
    following: following.map((part) => ({ crc: crcOf(part), shift: zeroBytesShift(part.byteLength) })),
    slotShift: zeroBytesShift(slotLength),
    length: parts.reduce((sum, part) => sum + part.byteLength, slotLength * following.length),
  };
}

// Node 20's crc32 answers 0 for an empty buffer that zlib has compressed before; the CRC of no bytes is 0 anyway.
const crcOf = (bytes: Buffer): number => (bytes.byteLength > 0 ? crc32(bytes) : 0);

/**
 * A linear map on the 32 bits of a CRC register over GF(2): column n is the
 * image of bit n. CRC-32(A ‖ B) = shift(|B|)(CRC-32(A)) ^ CRC-32(B), where
 * shift(L) is what feeding L zero bytes does to the register (zlib's
 * crc32_combine), so a part's shift is computed once and applied in 32 steps.
 */
type Gf2Matrix = Uint32Array;

function times(matrix: Gf2Matrix, vector: number): number {
  let sum = 0;
  for (let bit = 0, rest = vector >>> 0; rest !== 0; bit++, rest >>>= 1) if (rest & 1) sum ^= matrix[bit]!;
  return sum >>> 0;
}

/** `first` then `second`, as one map. */
function then(first: Gf2Matrix, second: Gf2Matrix): Gf2Matrix {
  return first.map((column) => times(second, column));
}

/** One zero bit shifts the register right, the polynomial (reflected) folded in from bit 0; three squarings make a byte. */
const ONE_ZERO_BYTE = [0, 1, 2].reduce<Gf2Matrix>(
  (power) => then(power, power),
  Uint32Array.from({ length: 32 }, (_, bit) => (bit === 0 ? 0xedb88320 : 1 << (bit - 1))),
);
const IDENTITY: Gf2Matrix = Uint32Array.from({ length: 32 }, (_, bit) => (1 << bit) >>> 0);

/** What feeding `length` zero bytes does to a CRC-32 register, by squaring (O(log length) products). */
function zeroBytesShift(length: number): Gf2Matrix {
  let power = ONE_ZERO_BYTE;
  let shift = IDENTITY;
  for (let rest = length; rest > 0; rest = Math.floor(rest / 2)) {
    if (rest % 2 === 1) shift = then(shift, power);
    power = then(power, power);
  }
  return shift;
}
