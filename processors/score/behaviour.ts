import type { AuthorFlag } from '../../schema/author-score.ts';

/**
 * Spam and bot signals of one author, the behaviour prior they imply and the flags they raise. Counters are
 * decayed sums (so "posts" is a recent-weighted count); shares are taken only over enough items to mean
 * something. Every rule is a documented heuristic from the bot/spam literature (automation ratio, posting
 * bursts, duplicated content, young accounts that follow many and are followed by few, synchronised
 * amplification), none is fitted to a data set.
 */
export interface BehaviourSignals {
  /** Own posts (not reposts). */
  posts: number;
  reposts: number;
  /** Own posts long enough for a text signature (denominator of the duplicate shares). */
  textPosts: number;
  linkPosts: number;
  /** Own posts nearly identical to one of the author's recent posts. */
  duplicateOwn: number;
  /** Own posts nearly identical to another account's recent post. */
  duplicateCross: number;
  /** Items posted within the burst gap of the previous one. */
  burst: number;
  reviews: number;
  /** Reviews at the scale's extreme and far from the brand's running mean rating. */
  extremeReviews: number;
  /** Reposts made within seconds of another account's repost of the same post. */
  syncReposts: number;
  maxPerDay: number;
  accountAgeDays?: number;
  followers?: number;
  following?: number;
  declaredBot?: boolean;
  isBrand?: boolean;
}

export interface BehaviourPrior {
  prior: number;
  factors: Record<string, number>;
}

const share = (part: number, whole: number, minWhole: number) =>
  whole >= minWhole ? Math.min(1, part / whole) : 0;

/** A factor `1 − weight × fraction` when the fraction (a `share` of the author's items) is above `above`. */
function penalise(
  factors: Record<string, number>,
  name: string,
  fraction: number,
  above: number,
  weight: number,
) {
  if (fraction > above) factors[name] = 1 - weight * fraction;
}

const round = (x: number) => (x >= 10 ? Math.round(x) : Math.round(x * 10) / 10);

/** Following far more accounts than follow back: follow-for-follow farming and bot networks. */
function followImbalance(s: BehaviourSignals): number {
  if (s.following === undefined || s.followers === undefined || s.following < 500) return 1;
  return (s.following + 1) / (s.followers + 1);
}

export function behaviourPrior(s: BehaviourSignals): BehaviourPrior {
  const factors: Record<string, number> = {};
  const items = s.posts + s.reposts;
  if (s.declaredBot) factors.declaredBot = 0.3;
  if (s.accountAgeDays !== undefined && s.accountAgeDays < 30)
    factors.accountAge = 0.6 + (0.4 * Math.max(0, s.accountAgeDays)) / 30;
  const imbalance = followImbalance(s);
  if (imbalance > 10) factors.followRatio = Math.max(0.5, 1 - 0.1 * Math.log2(imbalance / 10));
  if (!s.isBrand) {
    // Brand accounts answer with canned replies all day long: not spam, and they are configured, not guessed.
    penalise(factors, 'duplicateOwn', share(s.duplicateOwn, s.textPosts, 2), 0, 0.7);
    penalise(factors, 'duplicateCross', share(s.duplicateCross, s.textPosts, 2), 0, 0.3);
    penalise(factors, 'burstiness', share(s.burst, items, 3), 0.2, 0.5);
    if (s.maxPerDay > 50) factors.postsPerDay = Math.max(0.5, 50 / s.maxPerDay);
    penalise(factors, 'links', share(s.linkPosts, s.posts, 3), 0.5, 0.4);
    penalise(factors, 'syncReposts', share(s.syncReposts, s.reposts, 1), 0, 0.6);
    penalise(factors, 'repostsOnly', share(s.reposts, items, 3), 0.8, 0.3);
    penalise(factors, 'ratingDeviation', share(s.extremeReviews, s.reviews, 2), 0.5, 0.3);
  }
  let prior = 1;
  for (const f of Object.values(factors)) prior *= f;
  return { prior, factors };
}

/**
 * Flags need both a behavioural signal and a total weight of evidence of 2.5 (a self-declared bot needs
 * nothing more): a young account or a lopsided follow ratio alone never flags anyone.
 */
export function detectFlags(s: BehaviourSignals): AuthorFlag[] {
  if (s.isBrand) return [];
  const flags: AuthorFlag[] = [];
  const items = s.posts + s.reposts;
  const profile: { weight: number; text: string }[] = [];
  if (s.accountAgeDays !== undefined && s.accountAgeDays < 30)
    profile.push({ weight: 0.75, text: `account age ${Math.max(0, Math.floor(s.accountAgeDays))} days` });
  const imbalance = followImbalance(s);
  if (imbalance >= 20)
    profile.push({ weight: 0.75, text: `follows ${s.following}, followed by ${s.followers}` });
  const profileWeight = profile.reduce((a, p) => a + p.weight, 0);

  // likely_bot: automation.
  const botBehaviour: { weight: number; text: string }[] = [];
  {
    const behaviour = botBehaviour;
    const reposting = items > 0 ? s.reposts / items : 0;
    if (reposting >= 0.8 && s.reposts > 0)
      behaviour.push({
        weight: items >= 3 ? 1 : 0.5,
        text: `reposts only: ${round(s.reposts)} of ${round(items)} recent items`,
      });
    if (s.syncReposts >= 1)
      behaviour.push({
        weight: s.syncReposts >= 2 ? 1.5 : 1,
        text: `${round(s.syncReposts)} reposts within seconds of another account's repost of the same post`,
      });
    if (s.maxPerDay >= 40)
      behaviour.push({ weight: 1, text: `up to ${Math.round(s.maxPerDay)} posts in one day` });
    const weight = behaviour.reduce((a, b) => a + b.weight, 0) + profileWeight;
    if (s.declaredBot)
      flags.push({
        flag: 'likely_bot',
        evidence: ['self-declared bot account', ...behaviour.map((b) => b.text)],
      });
    else if (behaviour.length > 0 && weight >= 2.5)
      flags.push({ flag: 'likely_bot', evidence: [...behaviour, ...profile].map((b) => b.text) });
  }

  // spam: repeated, link-laden, bursty content.
  const spamBehaviour: { weight: number; text: string }[] = [];
  {
    const behaviour = spamBehaviour;
    const dup = share(s.duplicateOwn, s.textPosts, 2);
    if (dup >= 0.4 && s.duplicateOwn >= 1.5)
      behaviour.push({
        weight: 1.5,
        text: `near-duplicate own posts: ${round(s.duplicateOwn)} of ${round(s.textPosts)}`,
      });
    const links = share(s.linkPosts, s.posts, 3);
    if (links >= 0.6)
      behaviour.push({ weight: 1, text: `links in ${round(s.linkPosts)} of ${round(s.posts)} posts` });
    const burst = share(s.burst, items, 3);
    if (burst >= 0.5)
      behaviour.push({ weight: 1, text: `${round(s.burst)} of ${round(items)} items posted in bursts` });
    const extreme = share(s.extremeReviews, s.reviews, 2);
    if (extreme >= 0.5)
      behaviour.push({
        weight: 0.5,
        text: `${round(s.extremeReviews)} of ${round(s.reviews)} reviews at an extreme rating, far from the brand's mean`,
      });
    const weight = behaviour.reduce((a, b) => a + b.weight, 0) + profileWeight;
    if (behaviour.length > 0 && weight >= 2.5)
      flags.push({ flag: 'spam', evidence: [...behaviour, ...profile].map((b) => b.text) });
  }

  // coordinated: the same amplification as other accounts at the same moment; the same text as others only
  // together with automation or spam signs, because people who complain about one incident at one time write
  // alike (the simulator's incident waves repeat texts verbatim across customers).
  {
    const evidence: string[] = [];
    if (s.syncReposts >= 2)
      evidence.push(
        `${round(s.syncReposts)} reposts within seconds of another account's repost of the same post`,
      );
    const cross = share(s.duplicateCross, s.textPosts, 2);
    if (s.duplicateCross >= 2 && cross >= 0.3 && (botBehaviour.length > 0 || spamBehaviour.length > 0))
      evidence.push(
        `${round(s.duplicateCross)} of ${round(s.textPosts)} posts repeat other accounts' text of the same minutes`,
      );
    if (evidence.length > 0) flags.push({ flag: 'coordinated', evidence });
  }
  return flags;
}
