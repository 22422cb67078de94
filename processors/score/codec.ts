import {
  BEHAVIOUR_SLOTS,
  FAST_SLOTS,
  INFLUENCE_SLOTS,
  TEXT_RING,
  type AuthorState,
  type BrandState,
} from './state.ts';
import { SIGNATURE_SLOTS } from './text-signature.ts';

/**
 * Compact binary form of an author's state: the value of the compacted topic `lateral.authors.v1`, so a
 * restarted scorer rebuilds its state from the topic without reprocessing history.
 *
 * Layout (version 1): counts as unsigned LEB128 varints, times as float64, counters as float32, reactor
 * registers dense or sparse (whichever is smaller: most authors have a handful of reactors), strings UTF-8
 * with a varint length.
 */

const FORMAT = 1;

class Writer {
  private buf = Buffer.allocUnsafe(512);
  private pos = 0;

  private room(n: number) {
    if (this.pos + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
  }
  u8(v: number) {
    this.room(1);
    this.buf[this.pos++] = v;
  }
  varint(v: number) {
    let x = Math.max(0, Math.floor(v));
    this.room(10);
    while (x >= 0x80) {
      this.buf[this.pos++] = (x % 0x80) | 0x80;
      x = Math.floor(x / 0x80);
    }
    this.buf[this.pos++] = x;
  }
  f32(v: number) {
    this.room(4);
    this.pos = this.buf.writeFloatLE(v, this.pos);
  }
  f64(v: number) {
    this.room(8);
    this.pos = this.buf.writeDoubleLE(v, this.pos);
  }
  string(s: string) {
    const bytes = Buffer.byteLength(s);
    this.varint(bytes);
    this.room(bytes);
    this.pos += this.buf.write(s, this.pos);
  }
  bytes(b: Uint8Array) {
    this.room(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }
  done(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.pos));
  }
}

class Reader {
  private pos = 0;
  constructor(private readonly buf: Buffer) {}

  private need(n: number) {
    if (this.pos + n > this.buf.length) throw new Error('author state: truncated');
  }
  u8(): number {
    this.need(1);
    return this.buf[this.pos++]!;
  }
  varint(): number {
    let x = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      const b = this.u8();
      x += (b & 0x7f) * scale;
      if (b < 0x80) return x;
      scale *= 0x80;
    }
    throw new Error('author state: bad varint');
  }
  f32(): number {
    this.need(4);
    const v = this.buf.readFloatLE(this.pos);
    this.pos += 4;
    return v;
  }
  f64(): number {
    this.need(8);
    const v = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return v;
  }
  string(): string {
    const n = this.varint();
    this.need(n);
    const s = this.buf.toString('utf8', this.pos, this.pos + n);
    this.pos += n;
    return s;
  }
  bytes(n: number): Uint8Array {
    this.need(n);
    const b = new Uint8Array(this.buf.subarray(this.pos, this.pos + n));
    this.pos += n;
    return b;
  }
  end() {
    if (this.pos !== this.buf.length) throw new Error('author state: trailing bytes');
  }
}

const P_FOLLOWERS = 1;
const P_FOLLOWING = 2;
const P_CREATED = 4;
const P_BOT = 8;
const P_BRAND = 16;
const P_LISTED = 32;

export function serializeAuthorState(state: AuthorState): Buffer {
  const w = new Writer();
  w.u8(FORMAT);
  w.string(state.id);
  const p = state.profile;
  const mask =
    (p.followers !== undefined ? P_FOLLOWERS : 0) |
    (p.following !== undefined ? P_FOLLOWING : 0) |
    (p.accountCreatedMs !== undefined ? P_CREATED : 0) |
    (p.bot ? P_BOT : 0) |
    (p.isBrand ? P_BRAND : 0) |
    (p.listed !== undefined ? P_LISTED : 0);
  w.u8(mask);
  if (p.followers !== undefined) w.varint(p.followers);
  if (p.following !== undefined) w.varint(p.following);
  if (p.accountCreatedMs !== undefined) w.f64(p.accountCreatedMs);
  if (p.listed !== undefined) w.varint(p.listed);
  w.f64(state.at);
  w.f64(state.lastItemAt);
  w.varint(state.day);
  w.varint(state.postsToday);
  w.f32(state.maxPerDay);
  for (const v of state.behaviour) w.f32(v);
  for (const v of state.fast) w.f32(v);
  const kept = Math.min(state.texts, TEXT_RING);
  w.varint(state.texts);
  // The ring is written oldest first, so the reader restores it in order whatever the cursor was.
  for (let k = kept; k >= 1; k--) {
    const slot = (state.texts - k) % TEXT_RING;
    for (let i = 0; i < SIGNATURE_SLOTS; i++) {
      const v = state.recentTexts[slot * SIGNATURE_SLOTS + i]!;
      w.u8(v & 0xff);
      w.u8(v >>> 8);
    }
  }
  w.u8(state.brands.size);
  for (const [name, brand] of state.brands) writeBrand(w, name, brand);
  return w.done();
}

function writeBrand(w: Writer, name: string, brand: BrandState) {
  w.string(name);
  for (const v of brand.counters) w.f32(v);
  w.f32(brand.pagerank);
  const regs = brand.reactors;
  w.u8(Math.log2(regs.length));
  let nonZero = 0;
  for (const r of regs) if (r !== 0) nonZero++;
  if (nonZero * 2 < regs.length && regs.length <= 256) {
    w.u8(1);
    w.u8(nonZero);
    for (let i = 0; i < regs.length; i++) {
      if (regs[i] === 0) continue;
      w.u8(i);
      w.u8(regs[i]!);
    }
  } else {
    w.u8(0);
    w.bytes(regs);
  }
  w.u8(brand.edges.length);
  for (const e of brand.edges) {
    w.string(e.from);
    w.f32(e.weight);
  }
}

export function deserializeAuthorState(buf: Buffer): AuthorState {
  const r = new Reader(buf);
  const format = r.u8();
  if (format !== FORMAT) throw new Error(`author state: unknown format ${format}`);
  const id = r.string();
  const mask = r.u8();
  const profile: AuthorState['profile'] = {};
  if (mask & P_FOLLOWERS) profile.followers = r.varint();
  if (mask & P_FOLLOWING) profile.following = r.varint();
  if (mask & P_CREATED) profile.accountCreatedMs = r.f64();
  if (mask & P_LISTED) profile.listed = r.varint();
  if (mask & P_BOT) profile.bot = true;
  if (mask & P_BRAND) profile.isBrand = true;
  const at = r.f64();
  const lastItemAt = r.f64();
  const day = r.varint();
  const postsToday = r.varint();
  const maxPerDay = r.f32();
  const behaviour = new Float32Array(BEHAVIOUR_SLOTS);
  for (let i = 0; i < BEHAVIOUR_SLOTS; i++) behaviour[i] = r.f32();
  const fast = new Float32Array(FAST_SLOTS);
  for (let i = 0; i < FAST_SLOTS; i++) fast[i] = r.f32();
  const texts = r.varint();
  const kept = Math.min(texts, TEXT_RING);
  const recentTexts = new Uint16Array(TEXT_RING * SIGNATURE_SLOTS);
  for (let k = kept; k >= 1; k--) {
    const slot = (texts - k) % TEXT_RING;
    for (let i = 0; i < SIGNATURE_SLOTS; i++)
      recentTexts[slot * SIGNATURE_SLOTS + i] = r.u8() | (r.u8() << 8);
  }
  const brands = new Map<string, BrandState>();
  const brandCount = r.u8();
  for (let b = 0; b < brandCount; b++) {
    const name = r.string();
    const counters = new Float32Array(INFLUENCE_SLOTS);
    for (let i = 0; i < INFLUENCE_SLOTS; i++) counters[i] = r.f32();
    const pagerank = r.f32();
    const precision = r.u8();
    if (precision > 16) throw new Error('author state: bad reactor precision');
    let reactors: Uint8Array;
    if (r.u8() === 1) {
      reactors = new Uint8Array(2 ** precision);
      const n = r.u8();
      for (let i = 0; i < n; i++) {
        const idx = r.u8();
        reactors[idx] = r.u8();
      }
    } else reactors = r.bytes(2 ** precision);
    const edges: BrandState['edges'] = [];
    const edgeCount = r.u8();
    for (let i = 0; i < edgeCount; i++) edges.push({ from: r.string(), weight: r.f32() });
    brands.set(name, { counters, reactors, edges, pagerank });
  }
  r.end();
  return {
    id,
    profile,
    at,
    lastItemAt,
    day,
    postsToday,
    maxPerDay,
    behaviour,
    fast,
    recentTexts,
    texts,
    brands,
  };
}
