import { readFileSync } from 'node:fs';
import { parseCsv } from '../enrich/sentiment/datasets.ts';
import { compareInfluence, type InfluenceFeatures } from './influence.ts';

/**
 * Pairwise evaluation of the influence function on aggregate features only, in the layout of the public
 * "Influencers in Social Networks" data (PeerIndex/Kaggle): one row per pair, `Choice` = 1 when A was judged
 * more influential, 0 when B was, and `A_<feature>` / `B_<feature>` columns. Nothing is fitted to the file.
 */

/** Column suffix → feature of `scoreInfluence`. */
const COLUMNS: Record<string, keyof InfluenceFeatures> = {
  follower_count: 'followers',
  following_count: 'following',
  listed_count: 'listed',
  mentions_received: 'mentionsReceived',
  retweets_received: 'repostsReceived',
  mentions_sent: 'mentionsSent',
  retweets_sent: 'repostsSent',
  posts: 'posts',
};

export interface PairEvaluation {
  pairs: number;
  /** Share of pairs where the function picks the account the judges picked (ties count half). */
  accuracy: number;
  /** The same for follower count alone, the baseline every tool shows. */
  followersBaseline: number;
  ties: number;
}

export function parsePairs(text: string): { a: InfluenceFeatures; b: InfluenceFeatures; aWins: boolean }[] {
  const [header, ...rows] = parseCsv(text).filter((r) => r.length > 1);
  if (!header) throw new Error('pairs file: empty');
  const col = (name: string) => header.findIndex((h) => h.trim() === name);
  const choice = col('Choice');
  if (choice < 0) throw new Error('pairs file: no "Choice" column (1 = A more influential, 0 = B)');
  const side = (prefix: 'A' | 'B', row: string[]): InfluenceFeatures => {
    const features: InfluenceFeatures = {};
    for (const [suffix, feature] of Object.entries(COLUMNS)) {
      const i = col(`${prefix}_${suffix}`);
      const v = i >= 0 ? Number(row[i]) : NaN;
      if (Number.isFinite(v)) features[feature] = v;
    }
    return features;
  };
  return rows.map((row, n) => {
    const c = Number(row[choice]);
    if (c !== 0 && c !== 1)
      throw new Error(`pairs file, row ${n + 2}: Choice must be 0 or 1, got ${row[choice]}`);
    return { a: side('A', row), b: side('B', row), aWins: c === 1 };
  });
}

export function evaluatePairs(
  pairs: { a: InfluenceFeatures; b: InfluenceFeatures; aWins: boolean }[],
): PairEvaluation {
  let hits = 0;
  let baseline = 0;
  let ties = 0;
  const credit = (d: number, aWins: boolean) => (d === 0 ? 0.5 : d > 0 === aWins ? 1 : 0);
  for (const { a, b, aWins } of pairs) {
    const d = compareInfluence(a, b);
    if (d === 0) ties++;
    hits += credit(d, aWins);
    baseline += credit(Math.sign((a.followers ?? 0) - (b.followers ?? 0)), aWins);
  }
  const n = Math.max(1, pairs.length);
  return { pairs: pairs.length, accuracy: hits / n, followersBaseline: baseline / n, ties };
}

/** `lateral eval influence --format pairs <csv>`. */
export function evaluatePairsFile(path: string): string {
  const r = evaluatePairs(parsePairs(readFileSync(path, 'utf8')));
  return [
    `influence, pairwise judgements: ${r.pairs} pairs (${path})`,
    `  lateral's influence function agrees with the judges on ${(100 * r.accuracy).toFixed(1)}% (${r.ties} ties, counted half)`,
    `  follower count alone agrees on ${(100 * r.followersBaseline).toFixed(1)}%`,
  ].join('\n');
}
