/**
 * Near-duplicate text detection: MinHash signatures over word shingles, and LSH band keys to find texts from
 * other authors in a bounded index.
 *
 * Written here rather than taken from npm: `bloom-filters`' MinHashFactory draws its hash functions from an
 * unseeded Math.random, so signatures stored in a checkpoint could not be compared after a restart, and
 * `minhash` multiplies 32-bit numbers in doubles past 2^53 (lost bits) and allocates its permutations per
 * instance. Signatures must be deterministic and tiny (they are part of per-author state), so: one 32-bit
 * FNV-1a hash per shingle, re-mixed with a fixed seed per slot, and only the low 16 bits of each minimum kept
 * (b-bit MinHash: 32 bytes a signature, chance agreement 1/65536).
 */

export const SIGNATURE_SLOTS = 16;
/** Texts with fewer words say too little to call two of them duplicates ("thanks!", "great game"). */
export const MIN_TOKENS = 5;

const SEEDS = Uint32Array.from({ length: SIGNATURE_SLOTS }, (_, i) =>
  mix32(0x9e3779b9 ^ Math.imul(i + 1, 0x85ebca6b)),
);

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Murmur3's finaliser: a cheap bijective mix, so slot i sees an independent-looking permutation. */
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

const URL = /https?:\/\/([^/\s]+)\S*/giu;
const MENTION = /(^|\s)@\w+/gu;
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Words that carry the message: mentions dropped (a reply's addressee is not its content), links reduced to
 * their domain and digits to 0 (templated spam varies only there), lowercased.
 */
export function contentTokens(text: string): string[] {
  const cleaned = text.replace(URL, ' $1 ').replace(MENTION, ' ').toLowerCase().replace(/\p{N}/gu, '0');
  return cleaned.match(WORD) ?? [];
}

/** MinHash of the text's words and word pairs; undefined when the text is too short to judge. */
export function textSignature(text: string): Uint16Array | undefined {
  const tokens = contentTokens(text);
  if (tokens.length < MIN_TOKENS) return undefined;
  const mins = new Uint32Array(SIGNATURE_SLOTS).fill(0xffffffff);
  const add = (shingle: string) => {
    const h = fnv1a(shingle);
    for (let i = 0; i < SIGNATURE_SLOTS; i++) {
      const v = mix32(h ^ SEEDS[i]!);
      if (v < mins[i]!) mins[i] = v;
    }
  };
  for (let i = 0; i < tokens.length; i++) {
    add(tokens[i]!);
    if (i > 0) add(`${tokens[i - 1]} ${tokens[i]}`);
  }
  const signature = new Uint16Array(SIGNATURE_SLOTS);
  for (let i = 0; i < SIGNATURE_SLOTS; i++) signature[i] = mins[i]! & 0xffff;
  return signature;
}

/** Estimated Jaccard similarity of the two shingle sets. */
export function signatureSimilarity(a: ArrayLike<number>, b: ArrayLike<number>, offsetB = 0): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_SLOTS; i++) if (a[i] === b[offsetB + i]) same++;
  return same / SIGNATURE_SLOTS;
}

/**
 * LSH band keys: texts that agree on all rows of any band share a key. With 4 bands of 4 rows a pair at
 * Jaccard 0.8 shares a key with probability 0.88, a pair at 0.3 with probability 0.03; with 1 band of 16 rows
 * only texts identical after normalisation do (copy-paste campaigns).
 */
export function bandKeys(signature: Uint16Array, bands: number): number[] {
  if (!Number.isInteger(bands) || bands < 1 || SIGNATURE_SLOTS % bands !== 0)
    throw new Error(`text signature: ${bands} bands do not divide ${SIGNATURE_SLOTS} slots`);
  const rows = SIGNATURE_SLOTS / bands;
  const keys: number[] = [];
  for (let band = 0; band < bands; band++) {
    let h = mix32(0x51ed27 + band);
    for (let r = 0; r < rows; r++) h = mix32(h ^ signature[band * rows + r]!);
    keys.push(h);
  }
  return keys;
}
