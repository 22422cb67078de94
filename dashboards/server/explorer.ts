import {
  dashboardQueries as dq,
  type Cursor,
  type MentionFilter,
  type Sort,
} from '../../schema/queries/dashboard.ts';
import type { Rows } from './settled.ts';

type Row = Record<string, unknown>;

/** The most candidates one page reads before it falls back to `mentions FINAL` over the whole range. */
const MAX_CANDIDATES = 60_000;

const DESCENDING: Record<Sort, boolean> = {
  newest: true,
  oldest: false,
  most_negative: false,
  most_positive: true,
};

/** Position of a row in the page's order (sort value, then post id as ClickHouse compares strings: bytes). */
export function compareInOrder(
  sort: Sort,
  a: { v: number; id: string },
  b: { v: number; id: string },
): number {
  const byValue = a.v === b.v ? 0 : a.v < b.v ? -1 : 1;
  const c = byValue !== 0 ? byValue : Buffer.compare(Buffer.from(a.id), Buffer.from(b.id));
  return DESCENDING[sort] ? -c : c;
}

interface VerifiedRow {
  post_id: string;
  ts: number;
  score: number;
  version: number | string;
}

/** The explorer's columns of the placed rows at their verified version, in the page's order. */
async function fullRows(rows: Rows, brand: string, placed: readonly VerifiedRow[]): Promise<Row[]> {
  if (placed.length === 0) return [];
  const found = new Map(
    (await rows<Row>(dq.mentionRows(brand, placed))).map((r) => [String(r.post_id), r] as const),
  );
  return placed.map((p) => found.get(p.post_id)).filter((r): r is Row => r !== undefined);
}

const sortValue = (sort: Sort, row: { ts: unknown; score: unknown }) =>
  Number(sort === 'newest' || sort === 'oldest' ? row.ts : row.score);

/**
 * One page of the explorer without reading the whole range with FINAL. The first `k` stored rows (any version)
 * in the page's order that match the filters name the candidates; their newest versions are read by primary
 * key and filtered again. A mention whose newest version matches has that version among the stored rows, so
 * if it is not a candidate it sorts after the k-th stored row: every verified row up to that row is in its
 * final place. When fewer than `limit + 1` are, k grows (×4).
 */
export async function explorerPage(
  rows: Rows,
  f: MentionFilter,
  sort: Sort,
  limit: number,
  cursor?: Cursor,
): Promise<Row[]> {
  const want = limit + 1;
  for (let k = 2 * want; k <= MAX_CANDIDATES; k *= 4) {
    const candidates = await rows<{ post_id: string; ts: number; score: number }>(
      dq.mentionCandidates(f, sort, k, cursor),
    );
    if (candidates.length === 0) return [];
    const verified = await rows<VerifiedRow>(dq.mentionsVerify(f, sort, candidates, cursor));
    const exhausted = candidates.length < k;
    const last = candidates[candidates.length - 1]!;
    const boundary = { v: sortValue(sort, last), id: last.post_id };
    const placed = exhausted
      ? verified
      : verified.filter((r) => compareInOrder(sort, { v: sortValue(sort, r), id: r.post_id }, boundary) <= 0);
    if (exhausted || placed.length >= want) return fullRows(rows, f.brand, placed.slice(0, want));
  }
  return rows<Row>(dq.mentionsPage(f, sort, limit, cursor));
}
