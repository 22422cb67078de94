import { readFileSync } from 'node:fs';
import type { Post } from '../../../schema/post.ts';
import { seenKeysFor } from '../dedup.ts';
import type { RejectedItem } from '../rejects.ts';
import type { Source, SourceItem, SourcePage } from '../source.ts';
import { createHttpClient } from '../http/client.ts';
import type { ContractDeps } from './suite.ts';
import { startTestServer, type Route } from './test-server.ts';

/**
 * A platform's real-variation set: responses shaped like what the platform really serves (not what its
 * documentation promises): null and missing counts, deleted and removed content, moderator posts, entries
 * without their own time, HTML with every block element, non-ASCII and emoji, very long texts, replies with
 * and without mentions. The connector contract suite runs the connector over it (every entry produced or
 * dead-lettered with a reason), and the normaliser test runs every produced item through normalisation and
 * checks what each becomes (processors/normalize/real-variation.test.ts).
 */
export interface RealVariation {
  /** Serves the recorded responses; later pages are empty. */
  route?: Route;
  /** Serves a recording that is not HTTP request/response (a WebSocket stream); its URL is the base URL. */
  serve?: () => Promise<Recording>;
  /** For a never-ending source (a stream): the page after which the whole recording has been read. */
  done?: (page: SourcePage) => boolean;
  /** The clock of the recording: the connector runs with it (and a 1-day backfill). */
  now: number;
  /** The connector as configured for the recording (defaults to the contract's `createSource`). */
  createSource?: (baseUrl: string, deps: ContractDeps) => Source;
  /** Per message key (a function of the test server's URL): what normalisation makes of the item. */
  expect: (baseUrl: string) => Record<string, Expectation>;
  /** Reasons of the entries the connector itself dead-letters, in order. */
  rejected?: RegExp[];
}

export type Expectation =
  /** Posts produced, each matched with `toMatchObject`, plus an optional check of the whole list. */
  | { posts: Partial<Record<keyof Post, unknown>>[]; check?: (posts: Post[]) => void }
  /** Nothing produced, on purpose, with the reason; possibly erasing what was stored before. */
  | { skipped: RegExp; erasures?: string[] }
  /** Dead-lettered by normalisation with the reason. */
  | { dlq: RegExp };

/** A running recording: the base URL the connector is pointed at. */
export interface Recording {
  url: string;
  close(): Promise<void>;
}

/**
 * A real-variation set with the connector it is read by: a polling connector's `ConnectorContract` is one;
 * a stream connector, which has no polling contract, registers one as `realVariation` in its platforms/<name>/index.ts.
 */
export interface RealVariationSet {
  name: string;
  createSource?: (baseUrl: string, deps: ContractDeps) => Source;
  realVariation?: () => RealVariation;
}

/** Serves the recording of `variation` (its HTTP route, or its own server). */
export async function startRecording(variation: RealVariation): Promise<Recording> {
  if (variation.serve) return variation.serve();
  if (!variation.route) throw new Error('a real-variation set needs a route or a server');
  return startTestServer(variation.route);
}

/**
 * A JSON fixture beside the caller (`new URL('./fixtures/x.json', import.meta.url)`), with every `@@NAME@@` in
 * its strings replaced by `fill.NAME`: texts too long or too generated to keep in the file.
 */
export function readFixture<T = unknown>(url: URL, fill: Readonly<Record<string, string>> = {}): T {
  return JSON.parse(readFileSync(url, 'utf8'), (_key, value: unknown) =>
    typeof value === 'string'
      ? value.replace(/@@([A-Z_]+)@@/g, (placeholder, name: string) => fill[name] ?? placeholder)
      : value,
  ) as T;
}

/**
 * A connector against a test server, configured from `base` (what its contract and its recording share) and
 * per use `overrides`: `const source = testSource(Config, createX, { type: 'x', … })`, then
 * `createSource: source({ comments: false })` in contract.ts and `source({ comments: true })` for the recording.
 */
export function testSource<C, D extends Pick<ContractDeps, 'http' | 'now'>>(
  schema: { parse(input: unknown): C },
  create: (config: C, deps: D) => Source,
  base: Record<string, unknown>,
): (
  overrides?: Record<string, unknown>,
  moreDeps?: Omit<D, 'http' | 'now'>,
) => (baseUrl: string, deps: ContractDeps) => Source {
  return (overrides = {}, moreDeps) =>
    (baseUrl, { http, now, pageSize, id }) =>
      create(schema.parse({ ...base, id, baseUrl, pageSize, ...overrides }), { ...moreDeps, http, now } as D);
}

/** The connector of `spec` as configured for the recording, against the recording's server. */
export function realVariationSource(
  spec: RealVariationSet,
  variation: RealVariation,
  baseUrl: string,
  id: string,
): Source {
  const deps: ContractDeps = {
    http: createHttpClient({ maxAttempts: 1 }),
    now: () => variation.now,
    pageSize: 20,
    id,
  };
  const create = variation.createSource ?? spec.createSource;
  if (!create) throw new Error(`real-variation set ${spec.name} has no connector`);
  return create(baseUrl, deps);
}

/**
 * Everything one pass of the connector produces and dead-letters, with payloads. A never-ending source is
 * stopped after the page `done` accepts.
 */
export async function collectPass(
  source: Source,
  done?: (page: SourcePage) => boolean,
): Promise<{ items: SourceItem[]; rejected: RejectedItem[]; errors: string[] }> {
  const items: SourceItem[] = [];
  const rejected: RejectedItem[] = [];
  const errors: string[] = [];
  const seen = source.dedupCapacity ? seenKeysFor(source.id, source.dedupCapacity) : undefined;
  const abort = new AbortController();
  for await (const page of source.pages(undefined, abort.signal)) {
    for (const item of page.items) {
      if (seen?.has(item.key)) continue;
      seen?.add(item.key);
      items.push(item);
    }
    rejected.push(...(page.rejected ?? []));
    errors.push(...(page.errors ?? []));
    if (done?.(page)) {
      abort.abort();
      break;
    }
  }
  return { items, rejected, errors };
}

/** A realistic paragraph repeated to `chars` characters: texts this long reach the length limits. */
export function longText(chars: number, paragraph: string): string {
  const parts: string[] = [];
  let length = 0;
  while (length < chars) {
    parts.push(paragraph);
    length += paragraph.length + 2;
  }
  return parts.join('\n\n').slice(0, chars);
}

/** An HTML fragment with every block element a platform or feed uses, and the text it must read as. */
export const EVERY_BLOCK_HTML =
  '<h2>Week one</h2><p>The kettle arrived.<p>Setup took ten minutes.</p><div>Pairing failed twice</div>' +
  '<figure><img src="https://cdn.example/k.jpg" alt="kettle"><figcaption>My K2 on the counter</figcaption></figure>' +
  'Then the app crashed.<ul><li>Timer</li><li>Descale</li></ul><ol><li>First</li></ol>' +
  '<blockquote>Support said: reset it.</blockquote><pre>error 42\n  at pairing</pre>' +
  '<table><tr><td>Temp</td><td>95°</td></tr></table><hr><section><h3>Verdict</h3></section>' +
  '<article>Three stars.</article><aside>Bought in March</aside><dl><dt>Price</dt><dd>€89</dd></dl>' +
  '<header>Update</header><footer>Edited</footer><address>Utrecht</address><details><summary>More</summary>' +
  'Nothing else.</details>Done.';

/** Pairs of neighbouring words `EVERY_BLOCK_HTML` has in different blocks: none may be glued together. */
export const EVERY_BLOCK_SEAMS: [string, string][] = [
  ['one', 'The'],
  ['arrived.', 'Setup'],
  ['minutes.', 'Pairing'],
  ['twice', 'My'],
  ['counter', 'Then'],
  ['crashed.', 'Timer'],
  ['Timer', 'Descale'],
  ['Descale', 'First'],
  ['First', 'Support'],
  ['it.', 'error'],
  ['pairing', 'Temp'],
  ['95°', 'Verdict'],
  ['Verdict', 'Three'],
  ['stars.', 'Bought'],
  ['March', 'Price'],
  ['Price', '€89'],
  ['€89', 'Update'],
  ['Update', 'Edited'],
  ['Edited', 'Utrecht'],
  ['Utrecht', 'More'],
  ['More', 'Nothing'],
  ['else.', 'Done.'],
];

/** Checks that text from `EVERY_BLOCK_HTML` keeps every block apart (a line break between the words). */
export function blocksApart(text: string): string[] {
  const glued: string[] = [];
  for (const [a, b] of EVERY_BLOCK_SEAMS) {
    const at = text.indexOf(a);
    const next = at < 0 ? -1 : text.indexOf(b, at + a.length);
    if (at < 0 || next < 0 || !text.slice(at + a.length, next).includes('\n')) glued.push(`${a}|${b}`);
  }
  return glued;
}
