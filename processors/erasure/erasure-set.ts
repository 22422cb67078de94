import type { Consumer, Kafka } from 'kafkajs';
import { createLogger } from '../../core/logger.ts';
import { followTopic, readPartitionsToEnd } from '../../core/partition-reader.ts';
import { Erasure, erasureHash } from '../../schema/erasure.ts';

const log = createLogger('erasures');

/**
 * The authors to forget, from the compacted `lateral.erasures.v1`: loaded completely before a processor
 * starts, then followed for as long as it runs. Lookups hash the id or handle and compare with the stored
 * hashes; with no erasure at all they cost nothing.
 */
export class ErasureSet {
  private readonly ids = new Set<string>();
  private readonly handles = new Set<string>();
  private readonly listeners: ((e: Erasure) => void | Promise<void>)[] = [];
  private consumer: Consumer | undefined;

  get size(): number {
    return this.ids.size;
  }

  isErasedAuthor(authorId: string | undefined | null): boolean {
    return !!authorId && this.ids.size > 0 && this.ids.has(erasureHash(authorId));
  }

  isErasedHandle(handle: string | undefined | null): boolean {
    return !!handle && this.handles.size > 0 && this.handles.has(erasureHash(handle, 'handle'));
  }

  get hasHandles(): boolean {
    return this.handles.size > 0;
  }

  /** Called for every erasure that arrives after `start` (to purge in-memory state). */
  onErasure(listener: (e: Erasure) => void | Promise<void>): void {
    this.listeners.push(listener);
  }

  /** Applies one `lateral.erasures.v1` value; returns the erasure when it is new. */
  add(value: Buffer | string | null): Erasure | undefined {
    if (value === null) return undefined;
    let parsed;
    try {
      parsed = Erasure.safeParse(JSON.parse(value.toString()));
    } catch {
      return undefined;
    }
    if (!parsed.success) return undefined;
    const e = parsed.data;
    const known = this.ids.has(e.authorIdHash) && e.handleHashes.every((h) => this.handles.has(h));
    this.ids.add(e.authorIdHash);
    for (const h of e.handleHashes) this.handles.add(h);
    return known ? undefined : e;
  }

  /** Reads the whole topic, then follows it (a private group that never commits). */
  async start(kafka: Kafka, topic: string): Promise<void> {
    await readPartitionsToEnd(kafka, { topic, onMessage: (_p, value) => void this.add(value) });
    this.consumer = await followTopic(kafka, topic, 'erasures', async (messages) => {
      for (const m of messages) {
        const fresh = this.add(m.value);
        if (!fresh) continue;
        log.info({ source: fresh.source }, 'erasure received');
        for (const l of this.listeners) {
          try {
            await l(fresh);
          } catch (err) {
            log.error({ err }, 'erasure listener failed');
          }
        }
      }
    });
    log.debug({ topic, erased: this.ids.size }, 'following erasures');
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }
}
