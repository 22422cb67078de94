import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSources } from '../../runtime/pipeline.ts';
import { createSimulator } from '../../platforms/simulator/generator.ts';
import { SimulatorSourceConfig } from '../../platforms/simulator/config.ts';
import { Erasure, erasureHash } from '../../schema/erasure.ts';
import { RawEnvelope } from '../../schema/raw-envelope.ts';
import { topicName } from '../../schema/topics.ts';
import { createTestEnv, readTopic, type TestEnv } from '../../test/helpers.ts';
import { normalizers } from '../normalize/registry.ts';

/**
 * Erasure at the ingest edge on the real stack: once an author is on lateral.erasures.v1, a source pass does
 * not produce their items to the raw topic at all (everyone else's are produced as before).
 */
const SIM = { seed: 'edge-erasure', count: 400 };
let t: TestEnv;

beforeAll(async () => {
  t = await createTestEnv();
});
afterAll(async () => {
  await t?.cleanup();
});

/** Author of every post a simulator item normalises to (one author per item, or undefined when mixed). */
function itemAuthor(payload: unknown): string | undefined {
  const envelope = { source: 'simulator', fetchedAt: new Date(0).toISOString(), payload };
  const result = normalizers.simulator!(payload, envelope);
  if ('error' in result || result.posts.length === 0) return undefined;
  const ids = new Set(result.posts.map((p) => p.author.id));
  return ids.size === 1 ? [...ids][0] : undefined;
}

describe('erasure at the ingest edge (real Kafka)', () => {
  it("does not produce an erased author's items; produces everyone else's", async () => {
    const counts = new Map<string, number>();
    let total = 0;
    for (const item of createSimulator(SIM).items(0)) {
      if (item.truth.malformed) continue;
      total++;
      const author = itemAuthor(item.payload);
      if (author?.startsWith('simulator:u')) counts.set(author, (counts.get(author) ?? 0) + 1);
    }
    const [erased, theirs] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    expect(theirs).toBeGreaterThan(1);
    const e = Erasure.parse({
      kind: 'erasure',
      authorIdHash: erasureHash(erased),
      source: 'simulator',
      requestedAt: new Date().toISOString(),
    });
    await t.rt.producer.send({
      topic: topicName('erasures', t.config.namespace),
      acks: -1,
      messages: [{ key: e.authorIdHash, value: JSON.stringify(e) }],
    });

    const source = SimulatorSourceConfig.parse({ type: 'simulator', id: 'edge', ...SIM, pageSize: 100 });
    const run = runSources(t.rt, [source]);
    await run.done;
    await run.stop();

    const raw = await readTopic(t.rt, topicName('raw', t.config.namespace));
    const authors = raw.map((m) => itemAuthor(RawEnvelope.parse(JSON.parse(m.value)).payload));
    expect(authors.filter((a) => a === erased)).toEqual([]);
    // Every other item went through (malformed ones too: they are normalisation's to dead-letter).
    expect(raw.length).toBe(SIM.count - theirs);
    expect(total).toBeLessThanOrEqual(SIM.count);
  });
});
