import type { Consumer, Kafka } from 'kafkajs';
import { createLogger } from '../../../core/logger.ts';
import { followTopic } from '../../../core/partition-reader.ts';

export interface AuthorStanding {
  /** 0–100. */
  trust: number;
  flags: string[];
}

const log = createLogger('author-trust');

/**
 * The latest trust and flags of every scored author, read from the compacted `lateral.authors.v1` (a table
 * joined to the stream): the threads stage stamps them on each mention it emits, so mentions carry the author's
 * trust at scoring time. A private consumer group that never commits reads the topic from the start.
 */
export class AuthorTrustTable {
  private readonly standing = new Map<string, AuthorStanding>();
  private consumer: Consumer | undefined;

  get(authorId: string): AuthorStanding | undefined {
    return this.standing.get(authorId);
  }

  get size(): number {
    return this.standing.size;
  }

  /** Applies one `lateral.authors.v1` value (JSON); offsets records and unreadable values are ignored. */
  update(value: Buffer | string | null): void {
    if (value === null) return;
    let record: unknown;
    try {
      record = JSON.parse(value.toString());
    } catch {
      return;
    }
    const r = record as { kind?: unknown; authorId?: unknown; trust?: unknown; flags?: unknown };
    if (r.kind !== 'author' || typeof r.authorId !== 'string' || typeof r.trust !== 'number') return;
    const flags = Array.isArray(r.flags)
      ? r.flags.map((f: { flag?: unknown }) => f?.flag).filter((f): f is string => typeof f === 'string')
      : [];
    this.standing.set(r.authorId, { trust: r.trust, flags });
  }

  async start(kafka: Kafka, topic: string): Promise<void> {
    this.consumer = await followTopic(kafka, topic, 'author-trust', (messages) => {
      for (const m of messages) this.update(m.value);
    });
    log.debug({ topic }, 'following author trust');
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
