import type { Producer } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import type { SourceCursor } from '../../schema/cursor.ts';
import { DeadLetter } from '../../schema/dead-letter.ts';
import { RawEnvelope } from '../../schema/raw-envelope.ts';
import type { CursorStore } from './cursor-store.ts';
import { ingestOnce } from './ingestor.ts';
import type { Source, SourcePage } from '../../platforms/shared/source.ts';

/**
 * The ingestor's contract, in-process (the real-broker path is covered by the integration tests): a page's
 * items reach the raw topic before its cursor is stored, rejected items go to the dead-letter topic first,
 * a pass resumes at the stored cursor, items only about erased people are never produced, and a failed
 * produce keeps the cursor where the last acknowledged page left it.
 */
const RAW = 'ns.lateral.raw.v1';
const DLQ = 'ns.lateral.dlq.v1';

type Event =
  | { kind: 'send'; topic: string; keys: (string | null)[]; values: string[] }
  | { kind: 'save'; cursor: SourceCursor };

function fakes(options: { failSendsFrom?: number; stored?: SourceCursor } = {}) {
  const events: Event[] = [];
  let sends = 0;
  const producer = {
    async send(record: { topic: string; messages: { key: string | null; value: string }[] }) {
      sends++;
      if (options.failSendsFrom !== undefined && sends >= options.failSendsFrom)
        throw new Error('broker unavailable');
      events.push({
        kind: 'send',
        topic: record.topic,
        keys: record.messages.map((m) => m.key),
        values: record.messages.map((m) => m.value),
      });
      return [];
    },
  } as unknown as Producer;
  const saved: SourceCursor[] = [];
  const cursors = {
    async load(sourceId: string) {
      return options.stored?.sourceId === sourceId ? options.stored : undefined;
    },
    async save(cursor: SourceCursor) {
      saved.push(cursor);
      events.push({ kind: 'save', cursor });
    },
  } as unknown as CursorStore;
  return { producer, cursors, events, saved };
}

function source(
  pages: SourcePage[],
  seen: (string | undefined)[] = [],
  dedupCapacity?: number,
  id = 'src',
): Source {
  // Keys already produced are remembered per source id for the whole process: tests that dedup use their own id.
  return {
    id,
    type: 'test',
    ...(dedupCapacity ? { dedupCapacity } : {}),
    async *pages(cursor) {
      seen.push(cursor);
      const from = cursor === undefined ? 0 : pages.findIndex((p) => p.cursor === cursor) + 1;
      for (const page of pages.slice(from)) yield page;
    },
  };
}

const item = (n: number, author = 'a') => ({
  key: `test:${n}`,
  source: 'test',
  payload: { id: n, author },
  createdAt: '2026-03-01T10:00:00Z',
});

describe('ingestOnce', () => {
  it("produces each page's items as envelopes, then stores the page's cursor", async () => {
    const f = fakes();
    const progress = await ingestOnce(
      source([
        { items: [item(1), item(2)], cursor: 'c1' },
        { items: [item(3)], cursor: 'c2' },
      ]),
      { producer: f.producer, cursors: f.cursors, rawTopic: RAW },
    );
    expect(progress).toMatchObject({ produced: 3, total: 3, cursor: 'c2' });
    expect(
      f.events.map((e) => (e.kind === 'send' ? `send ${e.keys.join(',')}` : `save ${e.cursor.cursor}`)),
    ).toEqual(['send test:1,test:2', 'save c1', 'send test:3', 'save c2']);
    const first = f.events[0]!;
    if (first.kind !== 'send') throw new Error('expected a send');
    expect(first.topic).toBe(RAW);
    const envelope = RawEnvelope.parse(JSON.parse(first.values[0]!));
    expect(envelope).toMatchObject({ source: 'test', sourceId: 'src', payload: { id: 1, author: 'a' } });
    expect(f.saved.at(-1)).toMatchObject({ sourceId: 'src', cursor: 'c2', produced: 3 });
  });

  it('resumes after the stored cursor and adds to its total', async () => {
    const stored: SourceCursor = {
      sourceId: 'src',
      cursor: 'c1',
      produced: 2,
      updatedAt: '2026-03-01T00:00:00Z',
    };
    const f = fakes({ stored });
    const asked: (string | undefined)[] = [];
    const progress = await ingestOnce(
      source(
        [
          { items: [item(1), item(2)], cursor: 'c1' },
          { items: [item(3)], cursor: 'c2' },
        ],
        asked,
      ),
      { producer: f.producer, cursors: f.cursors, rawTopic: RAW },
    );
    expect(asked).toEqual(['c1']);
    expect(progress).toMatchObject({ produced: 1, total: 3, cursor: 'c2' });
  });

  it('dead-letters rejected items before the cursor moves, once per content', async () => {
    const f = fakes();
    const bad = { reason: 'status has no id', payload: { text: 'x' }, key: 'test:9' };
    await ingestOnce(
      source(
        [
          { items: [item(1)], cursor: 'c1', rejected: [bad] },
          { items: [], cursor: 'c2', rejected: [bad] },
        ],
        [],
        100,
        'src-rejects',
      ),
      { producer: f.producer, cursors: f.cursors, rawTopic: RAW },
    );
    const order = f.events.map((e) => (e.kind === 'send' ? `send ${e.topic}` : `save ${e.cursor.cursor}`));
    expect(order).toEqual([`send ${DLQ}`, `send ${RAW}`, 'save c1', 'save c2']);
    const dlq = f.events[0]!;
    if (dlq.kind !== 'send') throw new Error('expected a send');
    const letter = DeadLetter.parse(JSON.parse(dlq.values[0]!));
    expect(letter.error).toContain('status has no id');
    expect(f.saved.at(-1)?.rejected).toBe(1);
  });

  it('skips keys it already produced in this process when the source asks for it', async () => {
    const f = fakes();
    await ingestOnce(
      source(
        [
          { items: [item(1), item(2)], cursor: 'c1' },
          { items: [item(2), item(3)], cursor: 'c2' },
        ],
        [],
        100,
        'src-dedup',
      ),
      { producer: f.producer, cursors: f.cursors, rawTopic: RAW },
    );
    const keys = f.events.flatMap((e) => (e.kind === 'send' ? e.keys : []));
    expect(keys).toEqual(['test:1', 'test:2', 'test:3']);
  });

  it('never produces items only about erased people; the cursor still moves past them', async () => {
    const f = fakes();
    const progress = await ingestOnce(
      source([{ items: [item(1, 'gone'), item(2), item(3, 'gone')], cursor: 'c1' }]),
      {
        producer: f.producer,
        cursors: f.cursors,
        rawTopic: RAW,
        erased: (i) => (i.payload as { author: string }).author === 'gone',
      },
    );
    const keys = f.events.flatMap((e) => (e.kind === 'send' ? e.keys : []));
    expect(keys).toEqual(['test:2']);
    expect(progress).toMatchObject({ produced: 1, cursor: 'c1' });
  });

  it('keeps the cursor of the last acknowledged page when a produce fails for good', async () => {
    // The first send succeeds, every later one fails (10 attempts with backoff, then the pass fails).
    const f = fakes({ failSendsFrom: 2 });
    const abort = new AbortController();
    const pass = ingestOnce(
      source([
        { items: [item(1)], cursor: 'c1' },
        { items: [item(2)], cursor: 'c2' },
      ]),
      { producer: f.producer, cursors: f.cursors, rawTopic: RAW, signal: abort.signal },
    );
    // Abort the backoff early: the pass gives up at once with the produce error.
    setTimeout(() => abort.abort(), 300);
    await expect(pass).rejects.toThrow('broker unavailable');
    expect(f.saved.map((c) => c.cursor)).not.toContain('c2');
    expect(f.saved.at(-1)?.cursor).toBe('c1');
  });
});
