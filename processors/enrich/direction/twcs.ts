import { readFileSync } from 'node:fs';
import { evaluate, formatMetrics, type Metrics } from '../sentiment/evaluate.ts';
import { parseCsv } from '../sentiment/datasets.ts';
import {
  brandAccounts,
  classifyDirection,
  DIRECTIONS,
  normalizeHandle,
  type Direction,
} from './direction.ts';

/**
 * Direction on the "Customer Support on Twitter" sample (`twcs-sample.csv`). Gold labels come from the
 * corpus metadata, not from the rules: `inbound=False` (a brand support account) → brand_to_customer; a
 * customer's reply to a brand tweet → customer_to_brand, to a customer tweet → customer_to_customer; a
 * customer's opening tweet → customer_to_brand when it names a brand account, else customer_to_customer.
 * Replies whose parent is outside the sample have no gold label and are skipped (and counted).
 * The rules see what a platform would give them: author, parent author (when the parent is known), text and
 * the brands' account list (the corpus' support accounts, i.e. the non-numeric author ids).
 */
export interface TwcsRow {
  tweetId: string;
  authorId: string;
  inbound: boolean;
  text: string;
  inResponseTo: string;
}

export function loadTwcs(path: string): TwcsRow[] {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  if (!header) return [];
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`twcs: missing column ${name}`);
    return i;
  };
  const [id, author, inbound, text, parent] = [
    'tweet_id',
    'author_id',
    'inbound',
    'text',
    'in_response_to_tweet_id',
  ].map(col);
  return rows
    .filter((r) => r.length >= header.length - 1 && r[id!])
    .map((r) => ({
      tweetId: r[id!]!,
      authorId: r[author!]!,
      inbound: r[inbound!] === 'True',
      text: r[text!] ?? '',
      // ids are written as floats ("3.0") in the parent column
      inResponseTo: (r[parent!] ?? '').replace(/\.0$/, ''),
    }));
}

export interface DirectionEvaluation extends Metrics<Direction> {
  skipped: number;
  report(): string;
}

export function evaluateDirectionOnTwcs(rows: TwcsRow[]): DirectionEvaluation {
  const byId = new Map(rows.map((r) => [r.tweetId, r]));
  const brandHandles = [...new Set(rows.filter((r) => !r.inbound).map((r) => normalizeHandle(r.authorId)))];
  const accounts = brandAccounts(
    'twitter',
    { twitter: brandHandles },
    brandHandles.map((h) => `twitter:${h}`),
  );
  const mentionsBrand = (text: string) =>
    (text.match(/@([A-Za-z0-9_]+)/g) ?? []).some((m) => accounts.handles.has(normalizeHandle(m)));
  // Gold: a customer continuing their own thread keeps the direction of the tweet they continue.
  const goldMemo = new Map<string, Direction | null>();
  const goldOf = (row: TwcsRow, depth = 0): Direction | null => {
    const cached = goldMemo.get(row.tweetId);
    if (cached !== undefined) return cached;
    const parent = row.inResponseTo ? byId.get(row.inResponseTo) : undefined;
    let label: Direction | null;
    if (!row.inbound) label = 'brand_to_customer';
    else if (parent && parent.authorId === row.authorId)
      label = depth > 50 ? null : goldOf(parent, depth + 1);
    else if (parent) label = parent.inbound ? 'customer_to_customer' : 'customer_to_brand';
    else if (row.inResponseTo) label = null;
    else label = mentionsBrand(row.text) ? 'customer_to_brand' : 'customer_to_customer';
    goldMemo.set(row.tweetId, label);
    return label;
  };
  // Prediction: the rules, with a self-reply inheriting the predicted direction of its parent.
  const predictedMemo = new Map<string, Direction>();
  const predict = (row: TwcsRow, depth = 0): Direction => {
    const cached = predictedMemo.get(row.tweetId);
    if (cached) return cached;
    const parent = row.inResponseTo ? byId.get(row.inResponseTo) : undefined;
    const inherited =
      parent && parent.authorId === row.authorId && depth < 50 ? predict(parent, depth + 1) : undefined;
    const { direction } = classifyDirection(
      {
        author: { id: `twitter:${normalizeHandle(row.authorId)}`, handle: row.authorId },
        ...(parent
          ? {
              replyTo: {
                authorId: `twitter:${normalizeHandle(parent.authorId)}`,
                authorHandle: parent.authorId,
              },
            }
          : {}),
        mentions: [],
        text: row.text,
        ...(inherited ? { selfReplyParentDirection: inherited } : {}),
      },
      accounts,
    );
    predictedMemo.set(row.tweetId, direction);
    return direction;
  };
  const gold: Direction[] = [];
  const predicted: Direction[] = [];
  let skipped = 0;
  for (const row of rows) {
    const label = goldOf(row);
    if (label === null) {
      skipped++;
      continue;
    }
    gold.push(label);
    predicted.push(predict(row));
  }
  const metrics = evaluate<Direction>(predicted, gold, DIRECTIONS);
  return {
    ...metrics,
    skipped,
    report: () =>
      [
        `direction on TWCS: ${metrics.n} tweets evaluated, ${skipped} replies skipped (parent outside the sample), ${brandHandles.length} brand accounts`,
        formatMetrics(
          metrics,
          '  ',
          (l) =>
            ({ brand_to_customer: 'b2c', customer_to_brand: 'c2b', customer_to_customer: 'c2c' })[l] ?? l,
        ),
        '  (b2c = brand_to_customer, c2b = customer_to_brand, c2c = customer_to_customer; rows gold, columns predicted)',
      ].join('\n'),
  };
}
