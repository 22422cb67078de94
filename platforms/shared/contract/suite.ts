import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forgetSeenKeys, seenKeysFor } from '../dedup.ts';
import type { RejectedItem } from '../rejects.ts';
import type { Source } from '../source.ts';
import { createHttpClient, type HttpClient } from '../http/client.ts';
import type { FakeStore } from './fake-platform.ts';
import {
  collectPass,
  realVariationSource,
  startRecording,
  type RealVariation,
  type RealVariationSet,
} from './real-variation.ts';
import { startTestServer, type Route, type TestServer } from './test-server.ts';

/**
 * The behaviour every polling connector shows, as one suite each connector registers into with
 * `describeConnectorContract(spec)` in its own `contract.test.ts`. The connector runs against a local server
 * speaking the platform's documented response shape (its fake); the suite drives `Source.pages` the way the
 * ingestor does (cursor taken after each page, process-wide dedup). The Kafka side (cursor topic, DLQ topic,
 * restart of a real process) is in `contract.integration.test.ts`.
 */
export interface ConnectorContract {
  name: string;
  /** A fake platform: posts are added to `store`, `route` answers the connector's requests. */
  createPlatform(): { store: FakeStore; route: Route };
  /** The connector against `baseUrl` with `backfill: 1d`, `pageSize` items per page and the given client. */
  createSource(baseUrl: string, deps: ContractDeps): Source;
  /** The message key the connector produces for a native id. */
  keyOf(id: string, baseUrl: string): string;
  /** A listing entry the connector must dead-letter (no id, unreadable date, ...). */
  malformedEntry(time: number): unknown;
  /** False for sources that serve everything in one response (feeds). */
  paginates?: boolean;
  /** Responses shaped like the platform's real ones (platforms/shared/contract/real-variation.ts). */
  realVariation?: () => RealVariation;
}

export interface ContractDeps {
  http: HttpClient;
  now: () => number;
  pageSize: number;
  /** A unique source id per test, so process-wide state never leaks between tests. */
  id: string;
}

export interface PassResult {
  keys: string[];
  /** Cursor after each page, in order. */
  cursors: string[];
  rejected: RejectedItem[];
  errors: string[];
}

/** Runs one pass like `ingestOnce` does, without Kafka. */
export async function runPass(
  source: Source,
  cursor: string | undefined,
  stopAfterPages = Infinity,
): Promise<PassResult> {
  const result: PassResult = { keys: [], cursors: [], rejected: [], errors: [] };
  const seen = source.dedupCapacity ? seenKeysFor(source.id, source.dedupCapacity) : undefined;
  const abort = new AbortController();
  for await (const page of source.pages(cursor, abort.signal)) {
    for (const item of page.items) {
      if (seen?.has(item.key)) continue;
      seen?.add(item.key);
      result.keys.push(item.key);
    }
    result.rejected.push(...(page.rejected ?? []));
    result.errors.push(...(page.errors ?? []));
    result.cursors.push(page.cursor);
    if (result.cursors.length >= stopAfterPages) {
      abort.abort();
      break;
    }
  }
  return result;
}

const HOUR = 3_600_000;

export function describeConnectorContract(spec: ConnectorContract): void {
  describe(`connector contract: ${spec.name}`, () => {
    let server: TestServer;
    let store: FakeStore;
    let waits: number[];
    let testNo = 0;
    const now = Date.parse('2026-03-05T12:00:00Z');

    beforeEach(async () => {
      const platform = spec.createPlatform();
      store = platform.store;
      server = await startTestServer(platform.route);
      waits = [];
    });
    afterEach(async () => {
      await server.close();
      forgetSeenKeys();
    });

    const source = (pageSize = 5) => {
      const http = createHttpClient({
        // Large enough that a loaded machine's scheduling delay cannot eat a whole backoff step.
        baseDelayMs: 100,
        maxAttempts: 4,
        // Records each asked wait and waits a little for real, so the order of events is preserved.
        sleep: async (ms) => {
          waits.push(ms);
          await new Promise((r) => setTimeout(r, Math.min(ms, 20)));
        },
      });
      return spec.createSource(server.url, {
        http,
        now: () => now,
        pageSize,
        id: `${spec.name}-t${++testNo}`,
      });
    };
    const keys = (ids: string[]) => ids.map((id) => spec.keyOf(id, server.url));

    it('first run goes back to the backfill horizon and no further, oldest first, page by page', async () => {
      store.add(4, now - 30 * HOUR); // older than the 1d horizon
      const fresh = store.add(12, now - HOUR);
      const pass = await runPass(source(), undefined);
      expect(pass.keys).toEqual(keys(fresh));
      expect(pass.cursors.length).toBeGreaterThanOrEqual(3);
      if (spec.paginates !== false) expect(server.requests.length).toBeGreaterThanOrEqual(3);
      expect(pass.rejected).toEqual([]);
      expect(pass.errors).toEqual([]);
    });

    it('a later pass produces only what is new since the cursor', async () => {
      store.add(6, now - 2 * HOUR);
      const first = await runPass(source(), undefined);
      const cursor = first.cursors.at(-1);
      const idle = await runPass(source(), cursor);
      expect(idle.keys).toEqual([]);
      const later = store.add(3, now - HOUR / 2);
      const second = await runPass(source(), idle.cursors.at(-1) ?? cursor);
      expect(second.keys).toEqual(keys(later));
    });

    it('a restart after any page resumes with no gap and no repeat', async () => {
      const all = store.add(13, now - HOUR);
      const s = source();
      const firstPage = await runPass(s, undefined, 1);
      forgetSeenKeys(); // a new process remembers nothing but the cursor
      const rest = await runPass(source(), firstPage.cursors[0]);
      expect([...firstPage.keys, ...rest.keys]).toEqual(keys(all));
    });

    it('honours Retry-After on 429 before the next request', async () => {
      const all = store.add(3, now - HOUR);
      store.failNext({ status: 429, headers: { 'retry-after': '1' }, body: { error: 'Too many requests' } });
      const pass = await runPass(source(), undefined);
      expect(pass.keys).toEqual(keys(all));
      expect(Math.max(...waits)).toBeGreaterThan(900); // 1 s less the few ms already passed
    });

    it('backs off on 5xx and recovers, never retrying at once', async () => {
      const all = store.add(3, now - HOUR);
      store.failNext({ status: 503, body: 'upstream unavailable' });
      store.failNext({ status: 502, body: 'bad gateway' });
      const pass = await runPass(source(), undefined);
      expect(pass.keys).toEqual(keys(all));
      // A wait for each failure, about the 100 ms base step (less the ms already gone), none zero. A request in
      // flight on the other connection to the host (2 per host) waits out the same hold: at most 2 per failure.
      const backoffs = waits.filter((w) => w > 30).length;
      expect(backoffs).toBeGreaterThanOrEqual(2);
      expect(backoffs).toBeLessThanOrEqual(4);
    });

    it('dead-letters malformed entries with a reason and produces the rest', async () => {
      const before = store.add(3, now - 2 * HOUR);
      store.addMalformed(spec.malformedEntry(now - 90 * 60_000), now - 90 * 60_000);
      const after = store.add(3, now - HOUR);
      const pass = await runPass(source(), undefined);
      expect(pass.keys).toEqual(keys([...before, ...after]));
      expect(pass.rejected).toHaveLength(1);
      expect(pass.rejected[0]!.reason.length).toBeGreaterThan(5);
    });

    it('a response of the wrong shape is dead-lettered, the pass goes on, and the next pass catches up', async () => {
      const all = store.add(3, now - HOUR);
      store.failNext({ status: 200, body: { unexpected: 'shape' } });
      const broken = await runPass(source(), undefined);
      expect(broken.errors.length).toBeGreaterThanOrEqual(1);
      expect(broken.rejected.length).toBeGreaterThanOrEqual(1);
      const next = await runPass(source(), broken.cursors.at(-1));
      expect([...broken.keys, ...next.keys].sort()).toEqual(keys(all).sort());
    });

    it('real-variation responses: every entry is produced or dead-lettered with its reason', async (ctx) => {
      if (!spec.realVariation) return ctx.skip();
      await expectRealVariationPass(spec, `${spec.name}-real-${++testNo}`);
    });

    it('skips items it already produced in this process (same native id)', async () => {
      store.add(4, now - HOUR);
      const s = source();
      const first = await runPass(s, undefined);
      expect(first.keys).toHaveLength(4);
      // A cursor reset (or a platform returning old items again) fetches them again; none is produced twice.
      const again = await runPass(s, undefined);
      expect(again.keys).toEqual([]);
    });
  });
}

/** The real-variation half of the contract: every entry of the recording is produced or dead-lettered. */
async function expectRealVariationPass(set: RealVariationSet, id: string): Promise<void> {
  const variation = set.realVariation!();
  const recorded = await startRecording(variation);
  try {
    const source = realVariationSource(set, variation, recorded.url, id);
    const pass = await collectPass(source, variation.done);
    expect(pass.errors).toEqual([]);
    expect(pass.items.map((i) => i.key).sort()).toEqual(Object.keys(variation.expect(recorded.url)).sort());
    expect(pass.rejected.map((r) => r.reason)).toEqual(
      (variation.rejected ?? []).map((r) => expect.stringMatching(r)),
    );
  } finally {
    await recorded.close();
  }
}

/** The contract of a connector without a polling contract (a stream): its real-variation set only. */
export function describeRealVariation(set: RealVariationSet): void {
  describe(`connector contract: ${set.name}`, () => {
    afterEach(() => forgetSeenKeys());
    it('real-variation responses: every entry is produced or dead-lettered with its reason', async () => {
      await expectRealVariationPass(set, `${set.name}-real`);
    });
  });
}
