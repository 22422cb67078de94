import type { BrandConfig } from '../../../schema/config.ts';
import type { EnrichedMessage, EnrichedPost } from '../../../schema/enriched.ts';
import type { Mention } from '../../../schema/mention.ts';
import { brandAccountBook } from '../pipeline/brand-accounts.ts';
import type { AuthorStanding } from './author-trust.ts';
import { BrandThreads, type ThreadLimits, type ThreadOutput } from './brand-threads.ts';
import type { ErasedLookup } from '../../erasure/scrub.ts';

/**
 * Thread state of one input partition (all brands hashed to it). Versions are milliseconds since the epoch,
 * strictly increasing within the engine and above every restored version, so the latest emission wins.
 */
export class ThreadsEngine {
  private readonly byBrand = new Map<string, BrandThreads>();
  private lastVersion = 0;
  private readonly nextVersion = () => (this.lastVersion = Math.max(this.lastVersion + 1, this.clock()));

  constructor(
    private readonly brands: readonly BrandConfig[],
    private readonly limits: ThreadLimits,
    private readonly clock: () => number = Date.now,
    /** The author's trust and flags from scoring, stamped on new mentions (absent: not scored yet). */
    private readonly standing: (authorId: string) => AuthorStanding | undefined = () => undefined,
  ) {}

  private forBrand(brand: string): BrandThreads {
    let t = this.byBrand.get(brand);
    if (!t) {
      const config = this.brands.find((b) => b.name === brand);
      t = new BrandThreads(
        brand,
        brandAccountBook({ accounts: config?.accounts ?? {} }),
        this.nextVersion,
        this.limits,
        this.standing,
      );
      this.byBrand.set(brand, t);
    }
    return t;
  }

  apply(message: EnrichedMessage): ThreadOutput {
    if (message.kind === 'post') return this.forBrand(message.brand).apply(message);
    return { mentions: this.forBrand(message.brand).applySentiment(message), interactions: [] };
  }

  /** A thread candidate read back from the input after a restart (see `BrandThreads.restorePending`). */
  restorePending(e: EnrichedPost): void {
    this.forBrand(e.brand).restorePending(e);
  }

  /** See `BrandThreads.settleWaiting`. */
  settleWaiting(): ThreadOutput {
    const out: ThreadOutput = { mentions: [], interactions: [] };
    for (const t of this.byBrand.values()) {
      const o = t.settleWaiting();
      out.mentions.push(...o.mentions);
      out.interactions.push(...o.interactions);
    }
    return out;
  }

  /** Thread candidates waiting for their thread, over all brands. */
  get pending(): number {
    let n = 0;
    for (const t of this.byBrand.values()) n += t.pending;
    return n;
  }

  restore(m: Mention): void {
    this.lastVersion = Math.max(this.lastVersion, m.version);
    this.forBrand(m.brand).restore(m);
  }

  /** Erasure: see `BrandThreads.eraseAuthors`. Returns the number of messages erased. */
  eraseAuthors(erased: ErasedLookup): number {
    let n = 0;
    for (const t of this.byBrand.values()) n += t.eraseAuthors(erased);
    return n;
  }

  finishRestore(): void {
    for (const t of this.byBrand.values()) t.finishRestore();
  }

  get posts(): number {
    let n = 0;
    for (const t of this.byBrand.values()) n += t.size;
    return n;
  }
}
