import { queryRows, type ClickHouseClient } from '../../core/clickhouse.ts';
import { createLogger } from '../../core/logger.ts';
import { erasureQueries, erasureWhere, type ErasureTarget } from '../../schema/queries/reliability.ts';
import type { PostErasure } from '../../platforms/shared/normalizer.ts';

const log = createLogger('normalize.erasure');

/** Tables that hold a post by its id (reposts of it carry its text, so they go too). */
const TABLES = ['posts', 'mentions', 'interactions'] as const;

/**
 * Erases posts the platform took down after they may have been stored (a Lemmy post or comment removed by a
 * moderator or deleted by its author): `ALTER TABLE … DELETE` of the post id in `posts`, `mentions` and
 * `interactions`, with the same WHERE clauses `lateral forget-author` uses (schema/queries/reliability.ts).
 * A table is touched only when it holds the post, so a removal seen again costs one count, not a mutation.
 * The mutation runs in the background; the rollups keep the post's first count until the next
 * `lateral rollups rebuild` of its day.
 */
export function createPostEraser(client: ClickHouseClient): (erasures: PostErasure[]) => Promise<void> {
  return async (erasures) => {
    const target: ErasureTarget = {
      ids: [],
      handles: [],
      nativeIds: [],
      postIds: erasures.map((e) => e.postId),
    };
    for (const table of TABLES) {
      const where = erasureWhere[table](target);
      const [row] = await queryRows<{ n: string | number }>(client, erasureQueries.count(table, where));
      if (Number(row?.n ?? 0) === 0) continue;
      await client.command({ query: erasureQueries.erase(table, where) });
      log.info(
        { table, postIds: target.postIds, reasons: erasures.map((e) => e.reason) },
        'erased taken-down posts',
      );
    }
  };
}
