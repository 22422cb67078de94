import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { JetstreamSourceConfig } from './config.ts';
import type { SourcePage } from '../shared/source.ts';
import { classifyMessage, keywordFilter } from './events.ts';
import { createJetstreamSource, readCursor } from './source.ts';
import { startJetstreamServer, type JetstreamTestServer } from './test-server.ts';

const fixtureLines = readFileSync(fileURLToPath(new URL('./fixtures/events.jsonl', import.meta.url)), 'utf8')
  .split('\n')
  .filter(Boolean);

const DAVE = 'bluesky:at://did:plc:dave00000001/app.bsky.feed.post/3ldave000001';
const FRANK = 'bluesky:at://did:plc:frank0000001/app.bsky.feed.post/3lfrank00001';
const HANK = 'bluesky:at://did:plc:hank00000001/app.bsky.feed.post/3lhank000001';
const IVY = 'bluesky:at://did:plc:ivy000000001/app.bsky.feed.post/3livy0000001';

let server: JetstreamTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function config(url: string, extra: Record<string, unknown> = {}) {
  return JetstreamSourceConfig.parse({
    type: 'jetstream',
    id: 'js',
    url,
    keywords: ['acme'],
    flushMs: 50,
    rewindSeconds: 1,
    ...extra,
  });
}

/** Reads pages until `enough` says stop (the "crash" point), then aborts the stream. */
async function readUntil(
  source: ReturnType<typeof createJetstreamSource>,
  cursor: string | undefined,
  enough: (keys: string[], page: SourcePage) => boolean,
): Promise<{ keys: string[]; cursor: string | undefined }> {
  const abort = new AbortController();
  const keys: string[] = [];
  let last = cursor;
  const timer = setTimeout(() => abort.abort(), 10_000);
  try {
    for await (const page of source.pages(cursor, abort.signal)) {
      keys.push(...page.items.map((i) => i.key));
      last = page.cursor;
      if (enough(keys, page)) break;
    }
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
  return { keys, cursor: last };
}

describe('classifyMessage', () => {
  const acme = keywordFilter(['Acme']);
  it('keeps post creates that match, skips other kinds, collections, deletes and non-matching text', () => {
    const kinds = fixtureLines.map((l) => classifyMessage(l, acme).kind);
    expect(kinds).toEqual(['post', 'skip', 'skip', 'post', 'skip', 'skip', 'post', 'post', 'malformed']);
    expect(classifyMessage(fixtureLines[2]!, keywordFilter(undefined)).kind).toBe('post');
  });

  it('keys a post by its at-URI and reports why it skipped', () => {
    expect(classifyMessage(fixtureLines[0]!, acme)).toMatchObject({ key: DAVE, timeUs: 1772704800100000 });
    expect(classifyMessage(fixtureLines[5]!, acme)).toMatchObject({ kind: 'skip', reason: 'delete' });
    expect(classifyMessage('[1]', acme)).toMatchObject({
      kind: 'malformed',
      reason: 'event is not a JSON object',
    });
  });
});

describe('jetstream source', () => {
  it('subscribes to posts, filters by keyword and rejects malformed lines (dead letters) without stopping', async () => {
    server = await startJetstreamServer(fixtureLines);
    const source = createJetstreamSource(config(server.url));
    const rejected: string[] = [];
    const { keys, cursor } = await readUntil(source, undefined, (k, page) => {
      rejected.push(...(page.rejected ?? []).map((r) => r.reason));
      return rejected.length > 0;
    });
    expect(keys).toEqual([DAVE, FRANK, HANK, IVY]);
    expect(rejected).toEqual([expect.stringMatching(/^jetstream message not JSON/)]);
    expect(server.connections[0]!.getAll('wantedCollections')).toEqual(['app.bsky.feed.post']);
    expect(server.connections[0]!.has('cursor')).toBe(false);
    expect(readCursor(cursor)!.timeUs).toBe(1772704800800000); // ivy; the broken line has no readable time
  });

  it('resumes after a restart a few seconds back and skips what it already produced', async () => {
    server = await startJetstreamServer(fixtureLines);
    const source = createJetstreamSource(config(server.url, { pageSize: 2 }));
    const first = await readUntil(source, undefined, (k) => k.length >= 2);
    expect(first.keys).toEqual([DAVE, FRANK]);
    const stoppedAt = readCursor(first.cursor)!.timeUs;
    const second = await readUntil(source, first.cursor, (k) => k.length >= 2);
    expect(Number(server.connections[1]!.get('cursor'))).toBe(stoppedAt - 1_000_000);
    expect(second.keys).toEqual([HANK, IVY]);
    const all = [...first.keys, ...second.keys];
    expect(new Set(all).size).toBe(all.length);
  });

  it('reconnects after a dropped connection, rewinding, without gap or repeat', async () => {
    server = await startJetstreamServer(fixtureLines, { dropAfter: 4 });
    const source = createJetstreamSource(config(server.url), { reconnectInitialMs: 10, reconnectMaxMs: 20 });
    const { keys } = await readUntil(source, undefined, (k) => k.length >= 4);
    expect(server.connections.length).toBeGreaterThanOrEqual(2);
    expect(server.connections[1]!.has('cursor')).toBe(true);
    expect(keys).toEqual([DAVE, FRANK, HANK, IVY]);
  });

  it('stores the cursor even when nothing matched', async () => {
    server = await startJetstreamServer(fixtureLines.slice(1, 3));
    const source = createJetstreamSource(config(server.url, { keywords: ['nothing'] }));
    const { keys, cursor } = await readUntil(source, undefined, () => true);
    expect(keys).toEqual([]);
    expect(readCursor(cursor)!.timeUs).toBe(1772704800300000);
  });

  it('without a stored cursor, starts the configured backfill window back', async () => {
    server = await startJetstreamServer([]);
    const before = Date.now();
    const source = createJetstreamSource(config(server.url, { backfill: '60m' }));
    const abort = new AbortController();
    const reading = (async () => {
      for await (const page of source.pages(undefined, abort.signal)) void page;
    })();
    while (server.connections.length === 0) await new Promise((r) => setTimeout(r, 10));
    abort.abort();
    await reading;
    const from = Number(server.connections[0]!.get('cursor'));
    expect(from).toBeGreaterThanOrEqual((before - 60 * 60_000) * 1000);
    expect(from).toBeLessThanOrEqual((Date.now() - 60 * 60_000) * 1000);
  });
});
