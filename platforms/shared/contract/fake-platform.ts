import type { Reply, Route, SeenRequest } from './test-server.ts';

/** One post on a fake platform: its native id, creation time and the platform JSON served for it. */
export interface FakeItem {
  id: string;
  time: number;
  payload: unknown;
}

/**
 * The state behind a fake platform API: posts (served newest first), scripted failures for the next
 * requests, and malformed entries mixed into listings. Each connector's fake turns it into its own
 * documented response shape.
 */
export class FakeStore {
  readonly items: FakeItem[] = [];
  /** Entries served in listings that are not valid items (the connector must dead-letter them). */
  readonly malformed: { time: number; payload: unknown }[] = [];
  private readonly failures: Reply[] = [];
  private seq = 0;

  constructor(
    private readonly make: (id: string, time: number, n: number) => unknown,
    private readonly nextId: (n: number) => string = (n) => String(100_000 + n),
  ) {}

  /** Adds `count` posts, one minute apart, the last at `endMs`; returns their native ids oldest first. */
  add(count: number, endMs: number): string[] {
    const ids: string[] = [];
    for (let i = count - 1; i >= 0; i--) {
      const n = ++this.seq;
      const id = this.nextId(n);
      const time = endMs - i * 60_000;
      this.items.push({ id, time, payload: this.make(id, time, n) });
      ids.push(id);
    }
    return ids;
  }

  addMalformed(payload: unknown, time: number): void {
    this.malformed.push({ time, payload });
  }

  /** The next request (of any kind) gets this reply instead. */
  failNext(reply: Reply): void {
    this.failures.push(reply);
  }

  /** Newest first, the malformed entries interleaved by time. */
  listing(
    filter: (item: FakeItem) => boolean = () => true,
  ): { time: number; payload: unknown; item?: FakeItem }[] {
    return [
      ...this.items.filter(filter).map((item) => ({ time: item.time, payload: item.payload, item })),
      ...this.malformed,
    ].sort((a, b) => b.time - a.time);
  }

  /** Wraps a route so scripted failures come first. */
  route(inner: Route): Route {
    return (req: SeenRequest, base: string) => this.failures.shift() ?? inner(req, base);
  }
}
