import { createSimulator } from '../../platforms/simulator/generator.ts';
import { ROLES, type GroundTruth, type Role } from '../../platforms/simulator/truth.ts';
import { normalizeSimulator } from '../../platforms/simulator/normalize.ts';
import { Post } from '../../schema/post.ts';
import type { AuthorFlagName } from '../../schema/author-score.ts';
import { interactionsOf, scoringPost, type PostLookup } from './adapters.ts';
import { MIN_EVIDENCE_REACTORS } from './community-influence.ts';
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
  /** 1 + the members with a higher score (ties share the best rank). */
  rank: number;
  communitySize: number;
  /** Distinct people who replied to, quoted or reposted the author in this community (simulator truth). */
  truthReactors: number;
  /** The same rank by `truthReactors` (1 + the members with more). */
  truthRank: number;
}

/** One scored author × brand, as the engine or the `authors` table gives it. */
export interface MemberScore {
  authorId: string;
  brand: string;
  influence: number;
}

/**
 * Influence graded against what the simulator knows: who drew reactions from whom, in which community.
 * - `influencers`: planted influencers in the communities where the reactions they drew (distinct reactors,
 *   at least `MIN_EVIDENCE_REACTORS`) put them clearly in the community's top 5 % by that truth (at least
 *   `CLEAR_MARGIN` times the reactors at the 5 % cut); each must be in the top 5 % by score too.
 * - `borderline`: influencers in the top 5 % by truth but not clearly: as many reactors as a band of ordinary
 *   active customers, so weighting by reactor trust and activity (which the truth count lacks) may rightly
 *   rank them on either side of the cut. Reported, not graded.
 * - `silentLarge`: influencers and celebrities (large audiences) in communities where nobody reacted to them;
 *   none may be in the top 5 % there.
 * - `celebrities`: every community membership of a celebrity (a large audience, little resonance); none may be
 *   in the top 5 %.
 */
export interface InfluenceGrade {
  influencers: InfluencerRank[];
  borderline: InfluencerRank[];
  influencersInTop5: number;
  silentLarge: InfluencerRank[];
  silentLargeInTop5: number;
  celebrities: InfluencerRank[];
  celebritiesInTop5: number;
}

/** How far above the 5 % cut (distinct reactors, truth) an influencer must be to be graded. */
export const CLEAR_MARGIN = 1.5;

const inTop5 = (r: InfluencerRank) => r.rank <= Math.ceil(0.05 * r.communitySize);

/** Entries of a descending list greater than `x`. */
function countAbove(descending: number[], x: number): number {
  let n = 0;
  while (n < descending.length && descending[n]! > x) n++;
  return n;
}

/**
 * Distinct reactors per `author|brand` from the simulator's ground truth alone: replies, quotes and reposts of
 * another author's post, in each brand the reacting post is about. Malformed items never reach the pipeline
 * and do not count.
 */
export function truthReactors(truths: Iterable<GroundTruth>): Map<string, Set<string>> {
  const authorOf = new Map<string, string>();
  const reactions: { from: string; parent: string; brands: string[] }[] = [];
  for (const t of truths) {
    authorOf.set(t.postId, t.authorId);
    if (t.malformed) continue;
    for (const parent of [t.replyTo, t.quoteOf, t.repostOf])
      if (parent) reactions.push({ from: t.authorId, parent, brands: t.brands });
  }
  const out = new Map<string, Set<string>>();
  for (const r of reactions) {
    const to = authorOf.get(r.parent);
    if (!to || to === r.from) continue;
    for (const brand of r.brands) {
      const key = `${to}|${brand}`;
      let set = out.get(key);
      if (!set) out.set(key, (set = new Set()));
      set.add(r.from);
    }
  }
  return out;
}

export function gradeInfluence(
  members: Iterable<MemberScore>,
  roles: Map<string, Role>,
  reactors: Map<string, Set<string>>,
): InfluenceGrade {
  const communities = new Map<string, MemberScore[]>();
  for (const m of members) {
    let list = communities.get(m.brand);
    if (!list) communities.set(m.brand, (list = []));
    list.push(m);
  }
  const grade: InfluenceGrade = {
    influencers: [],
    borderline: [],
    influencersInTop5: 0,
    silentLarge: [],
    silentLargeInTop5: 0,
    celebrities: [],
    celebritiesInTop5: 0,
  };
  for (const [brand, list] of communities) {
    const sorted = list.map((m) => m.influence).sort((a, b) => b - a);
    const drawn = (id: string) => reactors.get(`${id}|${brand}`)?.size ?? 0;
    const truthSorted = list.map((m) => drawn(m.authorId)).sort((a, b) => b - a);
    const cut = Math.ceil(0.05 * list.length);
    const cutReactors = truthSorted[cut - 1] ?? 0;
    for (const m of list) {
      const role = roles.get(m.authorId);
      if (role !== 'influencer' && role !== 'celebrity') continue;
      const truthReactors = drawn(m.authorId);
      const r: InfluencerRank = {
        authorId: m.authorId,
        brand,
        influence: m.influence,
        rank: 1 + countAbove(sorted, m.influence),
        communitySize: list.length,
        truthReactors,
        truthRank: 1 + countAbove(truthSorted, truthReactors),
      };
      if (role === 'celebrity') grade.celebrities.push(r);
      if (truthReactors === 0) grade.silentLarge.push(r);
      else if (role === 'influencer' && truthReactors >= MIN_EVIDENCE_REACTORS && r.truthRank <= cut)
        (truthReactors >= CLEAR_MARGIN * cutReactors ? grade.influencers : grade.borderline).push(r);
    }
  }
  const share = (list: InfluencerRank[]) => list.filter(inTop5).length / Math.max(1, list.length);
  grade.influencersInTop5 = share(grade.influencers);
  grade.silentLargeInTop5 = share(grade.silentLarge);
  grade.celebritiesInTop5 = share(grade.celebrities);
  return grade;
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
  /** Customers, influencers and celebrities flagged. */
  falseFlagRate: number;
  influence: InfluenceGrade;
  communities: { brand: string; size: number }[];
  /** Checkpoint size per author (bytes of `serialize`). */
  stateBytes: { mean: number; p99: number; max: number };
}

const FETCHED_AT = '2026-01-01T00:00:00.000Z';

export function evaluateOnSimulator(
  run: { seed: string; count: number },
  options: Partial<ScoringOptions> = {},
): ScoringEvaluation {
  const sim = createSimulator({ seed: run.seed, count: run.count });
  const brandAccounts = new Set(sim.brands.flatMap((b) => b.accountIds.map((id) => `simulator:${id}`)));
  const engine = new ScoringEngine(options);
  const roles = new Map<string, Role>();
  const truths: GroundTruth[] = [];
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
    truths.push(item.truth);
    // Any storable fetch time: scoring reads only the posts' own times.
    const envelope = { source: 'simulator', fetchedAt: FETCHED_AT, payload: item.payload };
    const out = normalizeSimulator(item.payload, envelope);
    if ('error' in out) continue;
    for (const input of out.posts) {
      const post = Post.parse(input);
      const authorId = post.author.id;
      if (authorId === undefined) continue; // the simulator always names one; nobody to grade otherwise
      const isBrand = brandAccounts.has(authorId) || post.author.isBrand === true;
      roles.set(authorId, isBrand ? 'brand' : item.truth.authorRole);
      authorOf.set(post.postId, authorId);
      if (post.review) reviews.add(post.postId);
      if (post.author.handle && !post.review) byHandle.set(post.author.handle, authorId);
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
  return grade(engine, roles, truthReactors(truths), { items, posts, interactions });
}

const EXPECTED: Partial<Record<Role, AuthorFlagName>> = { bot: 'likely_bot', spammer: 'spam' };

export function grade(
  engine: ScoringEngine,
  roles: Map<string, Role>,
  reactors: Map<string, Set<string>>,
  counts: { items: number; posts: number; interactions: number },
): ScoringEvaluation {
  const byRole = Object.fromEntries(
    ROLES.map((r) => [r, { authors: 0, flagged: 0, expectedFlag: 0, meanTrust: 0 }]),
  ) as Record<Role, RoleFigures>;
  const members: MemberScore[] = [];
  const communities = new Map<string, number>();
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
      members.push({ authorId: id, brand, influence: engine.score(id, brand)!.influence });
      communities.set(brand, (communities.get(brand) ?? 0) + 1);
    }
  }
  for (const f of Object.values(byRole)) f.meanTrust = f.authors > 0 ? f.meanTrust / f.authors : 0;

  const bad = byRole.bot.flagged + byRole.spammer.flagged;
  const people = byRole.customer.flagged + byRole.influencer.flagged + byRole.celebrity.flagged;
  const flagged = bad + people + byRole.brand.flagged;
  const ordinary = byRole.customer.authors + byRole.influencer.authors + byRole.celebrity.authors;
  return {
    ...counts,
    authors: engine.authorCount,
    byRole,
    precision: flagged > 0 ? bad / flagged : 1,
    recall: bad / Math.max(1, byRole.bot.authors + byRole.spammer.authors),
    falseFlagRate: people / Math.max(1, ordinary),
    influence: gradeInfluence(members, roles, reactors),
    communities: [...communities].map(([brand, size]) => ({ brand, size })),
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
