import { createSimulator } from '../../ingest/simulator/generator.ts';
import type { Role } from '../../ingest/simulator/truth.ts';
import { normalizeSimulator } from '../normalize/sources/simulator.ts';
import { Post } from '../../schema/post.ts';
import type { AuthorFlagName } from '../../schema/author-score.ts';
import { interactionsOf, scoringPost, type PostLookup } from './adapters.ts';
import { ScoringEngine } from './engine.ts';
import type { ScoringOptions } from './options.ts';

/**
 * Scoring against the simulator's ground truth: a run is normalised as the pipeline does, brands come from the
 * truth (standing in for the brand matcher), interactions are derived from replies, quotes, reposts and
 * mentions, and the engine sees nothing else. Roles are used only to grade the result.
 */

export interface RoleFigures {
  authors: number;
  flagged: number;
  /** Authors carrying the flag expected for the role (likely_bot for bots, spam for spammers). */
  expectedFlag: number;
  meanTrust: number;
}

export interface InfluencerRank {
  authorId: string;
  brand: string;
  /** Percentile in the brand community (0–100). */
  influence: number;
  /** 1 = most influential. */
  rank: number;
  communitySize: number;
}

export interface ScoringEvaluation {
  items: number;
  posts: number;
  interactions: number;
  authors: number;
  byRole: Record<Role, RoleFigures>;
  /** Bots and spammers among the flagged (any flag), and flagged among bots and spammers. */
  precision: number;
  recall: number;
  /** Customers and influencers flagged. */
  falseFlagRate: number;
  influencers: InfluencerRank[];
  /** Share of influencer × brand memberships in the community's top 5 %. */
  influencersInTop5: number;
  communities: { brand: string; size: number }[];
  /** Checkpoint size per author (bytes of `serialize`). */
  stateBytes: { mean: number; p99: number; max: number };
}

export function evaluateOnSimulator(
  run: { seed: string; count: number },
  options: Partial<ScoringOptions> = {},
): ScoringEvaluation {
  const sim = createSimulator({ seed: run.seed, count: run.count });
  const brandAccounts = new Set(sim.brands.flatMap((b) => b.accountIds.map((id) => `simulator:${id}`)));
  const engine = new ScoringEngine(options);
  const roles = new Map<string, Role>();
  const authorOf = new Map<string, string>();
  const reviews = new Set<string>();
  const byHandle = new Map<string, string>();
  const lookup: PostLookup = {
    authorOfPost: (id) => authorOf.get(id),
    authorOfHandle: (h) => byHandle.get(h),
    isReview: (id) => reviews.has(id),
  };
  let items = 0;
  let posts = 0;
  let interactions = 0;
  for (const item of sim.items()) {
    items++;
    const envelope = { source: 'simulator', fetchedAt: new Date(0).toISOString(), payload: item.payload };
    const out = normalizeSimulator(item.payload, envelope);
    if ('error' in out) continue;
    for (const input of out.posts) {
      const post = Post.parse(input);
      const isBrand = brandAccounts.has(post.author.id) || post.author.isBrand === true;
      roles.set(post.author.id, isBrand ? 'brand' : item.truth.authorRole);
      authorOf.set(post.postId, post.author.id);
      if (post.review) reviews.add(post.postId);
      if (post.author.handle && !post.review) byHandle.set(post.author.handle, post.author.id);
      const brands = item.truth.brands;
      engine.ingestPost(scoringPost(post, brands, isBrand));
      posts++;
      for (const interaction of interactionsOf(post, brands, lookup)) {
        engine.ingestInteraction(interaction);
        interactions++;
      }
    }
  }
  engine.recompute();
  return grade(engine, roles, { items, posts, interactions });
}

const EXPECTED: Partial<Record<Role, AuthorFlagName>> = { bot: 'likely_bot', spammer: 'spam' };

export function grade(
  engine: ScoringEngine,
  roles: Map<string, Role>,
  counts: { items: number; posts: number; interactions: number },
): ScoringEvaluation {
  const byRole = Object.fromEntries(
    (['brand', 'customer', 'influencer', 'bot', 'spammer'] as Role[]).map((r) => [
      r,
      { authors: 0, flagged: 0, expectedFlag: 0, meanTrust: 0 },
    ]),
  ) as Record<Role, RoleFigures>;
  const communities = new Map<string, { id: string; influence: number }[]>();
  const sizes: number[] = [];
  for (const id of engine.authorIds()) {
    sizes.push(engine.snapshot(id)!.length);
    const role = roles.get(id);
    if (!role) continue; // reacted to, never seen posting (not in this run's output)
    const figures = byRole[role];
    figures.authors++;
    figures.meanTrust += engine.trustOf(id).trust;
    const brands = engine.brandsOf(id);
    const flags = engine.flagsOf(id);
    if (flags.length > 0) figures.flagged++;
    if (flags.some((f) => f.flag === EXPECTED[role])) figures.expectedFlag++;
    for (const brand of brands) {
      const s = engine.score(id, brand)!;
      let list = communities.get(brand);
      if (!list) communities.set(brand, (list = []));
      list.push({ id, influence: s.influence });
    }
  }
  for (const f of Object.values(byRole)) f.meanTrust = f.authors > 0 ? f.meanTrust / f.authors : 0;

  const influencers: InfluencerRank[] = [];
  for (const [brand, list] of communities) {
    list.sort((a, b) => b.influence - a.influence);
    list.forEach((m, i) => {
      if (roles.get(m.id) === 'influencer')
        influencers.push({
          authorId: m.id,
          brand,
          influence: m.influence,
          rank: i + 1,
          communitySize: list.length,
        });
    });
  }
  const bad = byRole.bot.flagged + byRole.spammer.flagged;
  const flagged = bad + byRole.customer.flagged + byRole.influencer.flagged + byRole.brand.flagged;
  const ordinary = byRole.customer.authors + byRole.influencer.authors;
  return {
    ...counts,
    authors: engine.authorCount,
    byRole,
    precision: flagged > 0 ? bad / flagged : 1,
    recall: bad / Math.max(1, byRole.bot.authors + byRole.spammer.authors),
    falseFlagRate: (byRole.customer.flagged + byRole.influencer.flagged) / Math.max(1, ordinary),
    influencers,
    influencersInTop5:
      influencers.filter((r) => r.rank <= Math.ceil(0.05 * r.communitySize)).length /
      Math.max(1, influencers.length),
    communities: [...communities].map(([brand, list]) => ({ brand, size: list.length })),
    stateBytes: summarise(sizes),
  };
}

function summarise(sizes: number[]): ScoringEvaluation['stateBytes'] {
  if (sizes.length === 0) return { mean: 0, p99: 0, max: 0 };
  sizes.sort((a, b) => a - b);
  const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
  return {
    mean: Math.round(mean),
    p99: sizes[Math.floor(0.99 * (sizes.length - 1))]!,
    max: sizes[sizes.length - 1]!,
  };
}
