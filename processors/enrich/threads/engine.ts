import type { BrandConfig } from '../../../schema/config.ts';
import type { EnrichedMessage } from '../../../schema/enriched.ts';
import type { Mention } from '../../../schema/mention.ts';
import { brandAccountBook } from '../pipeline/brand-accounts.ts';
import type { AuthorStanding } from './author-trust.ts';
import { BrandThreads, type ThreadLimits, type ThreadOutput } from './brand-threads.ts';

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

  restore(m: Mention): void {
    this.lastVersion = Math.max(this.lastVersion, m.version);
    this.forBrand(m.brand).restore(m);
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
