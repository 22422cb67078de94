import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lemmyPostView } from '../../platforms/lemmy/fixtures.ts';
import type { Post } from '../../schema/post.ts';
import { createTestEnv, eventually, scalar, type TestEnv } from '../../test/helpers.ts';
import type { MessageOrigin } from '../framework/dead-letters.ts';
import { postRow } from '../sink/rows.ts';
import { createPostEraser } from './post-erasure.ts';
import { createNormalizeChain } from './steps.ts';

/** A Lemmy post stored, then served again as removed by a moderator: the stored copy is erased. */
describe('taken-down posts are erased from ClickHouse', () => {
  let t: TestEnv;
  beforeAll(async () => {
    t = await createTestEnv();
  }, 120_000);
  afterAll(async () => t?.cleanup());

  const origin = 'https://lemmy.example';
  const message = (payload: unknown): MessageOrigin => ({
    topic: 'lateral.raw.v1',
    partition: 0,
    offset: '1',
    key: 'k',
    value: Buffer.from(
      JSON.stringify({ source: 'lemmy', fetchedAt: '2026-03-05T12:00:00.000Z', origin, payload }),
    ),
  });

  it('a later removal deletes the stored post; other posts and a removal of something never stored change nothing', async () => {
    const chain = createNormalizeChain(undefined, { erasePosts: createPostEraser(t.rt.clickhouse) });
    const stored: Post[] = [];
    for (const id of [801, 802]) {
      const result = await chain.run(message(lemmyPostView(id, '2026-03-05T09:00:00.000000Z')));
      if (result.kind !== 'ok') throw new Error(JSON.stringify(result));
      stored.push(...result.value);
    }
    await t.rt.clickhouse.insert({ table: 'posts', values: stored.map(postRow), format: 'JSONEachRow' });
    const count = (id: number) =>
      scalar(t.rt, `SELECT count() FROM posts WHERE post_id = 'lemmy:lemmy.example:post/${id}'`);
    expect(await count(801)).toBe(1);

    const removed = lemmyPostView(801, '2026-03-05T09:00:00.000000Z', { post: { removed: true } });
    const result = await chain.run(message(removed));
    expect(result).toMatchObject({
      kind: 'drop',
      reason: 'lemmy post removed by a moderator; erased lemmy:lemmy.example:post/801',
    });
    await eventually(
      'the removed post gone',
      async () => ((await count(801)) === 0 ? true : undefined),
      30_000,
    );
    expect(await count(802)).toBe(1);

    const mutations = () =>
      scalar(t.rt, 'SELECT count() FROM system.mutations WHERE database = currentDatabase()');
    const before = await mutations();
    const never = lemmyPostView(899, '2026-03-05T09:00:00.000000Z', { post: { deleted: true } });
    expect(await chain.run(message(never))).toMatchObject({
      kind: 'drop',
      reason: /deleted by its author; erased/,
    });
    expect(await mutations()).toBe(before);
  }, 120_000);
});
