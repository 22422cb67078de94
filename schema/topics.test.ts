import { describe, expect, it } from 'vitest';
import { topicName, topics } from './topics.ts';

describe('topic registry', () => {
  it('names every topic with a version and the documented names', () => {
    expect(Object.values(topics).map((t) => t.name)).toEqual([
      'lateral.raw.v1',
      'lateral.posts.v1',
      'lateral.dlq.v1',
      'lateral.cursors.v1',
      'lateral.enriched.v1',
      'lateral.mentions.v1',
      'lateral.interactions.v1',
      'lateral.authors.v1',
      'lateral.alerts.v1',
      'lateral.erasures.v1',
    ]);
    for (const t of Object.values(topics)) expect(t.name).toMatch(/^lateral\.[a-z]+\.v\d+$/);
  });

  it('compacts cursors, authors and erasures and nothing else', () => {
    expect(
      Object.entries(topics)
        .filter(([, t]) => t.cleanupPolicy === 'compact')
        .map(([k]) => k),
    ).toEqual(['cursors', 'authors', 'erasures']);
    expect(topics.cursors.cleanupPolicy).toBe('compact');
    expect(topics.raw.cleanupPolicy).toBe('delete');
  });

  it.each(Object.entries(topics))('%s examples satisfy the schema', (_key, spec) => {
    expect(spec.examples.length).toBeGreaterThan(0);
    for (const example of spec.examples) {
      const parsed = spec.schema.safeParse(example);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    }
  });

  it('gives enriched and mentions the same partitions (threads state is rebuilt partition by partition)', () => {
    expect(topics.enriched.partitions).toBe(topics.mentions.partitions);
  });

  it('prefixes names with the namespace', () => {
    expect(topicName('raw')).toBe('lateral.raw.v1');
    expect(topicName('raw', 't1')).toBe('t1.lateral.raw.v1');
  });
});
