/**
 * Brand matcher benchmark: 200 brands with realistic queries (names, phrases,
 * handles, tags, wildcards, NEAR, context terms, exclusions, accounts) against
 * 100,000 generated multilingual posts, ~15% of which mention a brand.
 *
 *   npx tsx processors/enrich/brand-query/bench.ts [posts] [brands]
 */
import { compileBrands, type BrandQueryConfig, type MatchablePost } from './index.ts';

const POSTS = Number(process.argv[2] ?? 100_000);
const BRANDS = Number(process.argv[3] ?? 200);

// Deterministic PRNG (mulberry32) so runs are comparable.
let seed = 0x1a7e5a1;
function rand(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

const SYLLABLES = [
  'lu',
  'mo',
  'ra',
  'fi',
  'ets',
  'ka',
  'vo',
  'zen',
  'tri',
  'no',
  'pex',
  'sol',
  'ari',
  'qu',
  'bel',
  'dor',
  'ix',
  'ven',
  'ta',
  'gro',
];
const AMBIGUOUS = [
  'apple',
  'jaguar',
  'orange',
  'shell',
  'amazon',
  'corona',
  'mercury',
  'dove',
  'mint',
  'puma',
  'oracle',
  'subway',
];
const CONTEXT = [
  'iphone',
  'mac',
  'ios',
  'car',
  'dealer',
  'mobile',
  'network',
  'fuel',
  'station',
  'shop',
  'order',
  'app',
  'cloud',
  'delivery',
  'sneakers',
  'database',
];
const PRODUCTS = ['buds', 'pro', 'max', 'fiets', 'app', 'plus', 'one', 'go'];
const COMMON =
  'the a and to of in is it you that for on my with this was but not have are be at so just like me what your all can get out when now love new good great today really one time people day why how fiets het de een niet maar ook wel heel mooi weer vandaag ich und die das nicht ist sehr gut heute wetter schön le la les est très bien mais pas avec pour café crème été über müde straße garçon niño año también muy bueno'.split(
    ' ',
  );
const FILLER = Array.from(
  { length: 3000 },
  (_, i) => `${pick(SYLLABLES)}${pick(COMMON).slice(0, 3)}${i % 97}`,
);
const EMOJI = ['🔥', '😍', '👍🏽', '😡', '🚲', '❤️', '😂'];

function brandName(i: number): string {
  if (i < AMBIGUOUS.length) return AMBIGUOUS[i] as string;
  return `${pick(SYLLABLES)}${pick(SYLLABLES)}${pick(SYLLABLES)}${i}`;
}

function brandConfig(i: number): BrandQueryConfig {
  const n = brandName(i);
  const p = pick(PRODUCTS);
  if (i < AMBIGUOUS.length) {
    const ctx = [pick(CONTEXT), pick(CONTEXT), pick(CONTEXT)];
    return {
      name: n,
      query: `${n} AND (${ctx.join(' OR ')} OR @${n} OR #${n})`,
      exclude: `"${n} pie" OR recipe OR fruit* OR "${n} juice"`,
      accounts: { simulator: [n], mastodon: [`${n}@social.example`] },
    };
  }
  switch (i % 5) {
    case 0:
      return { name: n, query: `${n} OR "${n} ${p}" OR @${n} OR #${n}`, accounts: { simulator: [n] } };
    case 1:
      return { name: n, query: `(${n} OR ${n.slice(0, 5)}*) AND NOT (jobs OR hiring OR vacature)` };
    case 2:
      return {
        name: n,
        query: `"${n} ${p}"~2 OR (${n} NEAR/3 (review OR broken OR love OR kapot)) OR @${n}_support`,
        exclude: 'giveaway OR "win a"',
      };
    case 3:
      return { name: n, query: `#${n}* OR @${n} OR "${n} app" OR ${n}-${p}` };
    default:
      return { name: n, query: `${n} -spam -"promo code"`, accounts: { simulator: [`${n}_nl`, `${n}_de`] } };
  }
}

function post(brands: readonly string[]): MatchablePost {
  const words: string[] = [];
  const len = 10 + Math.floor(rand() * 30);
  for (let i = 0; i < len; i++) words.push(rand() < 0.6 ? pick(COMMON) : pick(FILLER));
  const mentions: string[] = [];
  const hashtags: string[] = [];
  if (rand() < 0.15) {
    // A brand mention: name, capitalised, with product, as tag or handle.
    const b = pick(brands);
    const form = pick([b, b[0]?.toUpperCase() + b.slice(1), `${b} ${pick(PRODUCTS)}`, `#${b}`, `@${b}`]);
    words.splice(Math.floor(rand() * words.length), 0, form);
    if (rand() < 0.3) words.splice(Math.floor(rand() * words.length), 0, pick(CONTEXT));
  }
  if (rand() < 0.3) {
    const h = pick(FILLER);
    hashtags.push(h);
    words.push(`#${h}`);
  }
  if (rand() < 0.3) {
    const m = pick(FILLER);
    mentions.push(m);
    words.unshift(`@${m}`);
  }
  if (rand() < 0.4) words.push(pick(EMOJI));
  if (rand() < 0.2) words.push(`https://example.com/${pick(FILLER)}?utm=${pick(brands)}`);
  return {
    text: words.join(rand() < 0.8 ? ' ' : ', '),
    mentions,
    hashtags,
    authorHandle: pick(FILLER),
    source: rand() < 0.5 ? 'simulator' : 'mastodon',
  };
}

const configs = Array.from({ length: BRANDS }, (_, i) => brandConfig(i));
let t0 = performance.now();
const matcher = compileBrands(configs);
const compileMs = performance.now() - t0;
const posts = Array.from({ length: POSTS }, () => post(matcher.brands));
const avgChars = posts.reduce((s, p) => s + p.text.length, 0) / posts.length;

// Warm up the JIT, then measure three full passes.
for (const p of posts.slice(0, 10_000)) matcher.match(p);
const rates: number[] = [];
let matched = 0;
for (let run = 0; run < 3; run++) {
  matcher.resetStats();
  matched = 0;
  t0 = performance.now();
  for (const p of posts) if (matcher.match(p).length > 0) matched++;
  const s = (performance.now() - t0) / 1000;
  rates.push(POSTS / s);
}
const st = matcher.stats();
const best = Math.max(...rates);
console.log(
  `brands: ${BRANDS} (compiled in ${compileMs.toFixed(1)} ms), posts: ${POSTS} (avg ${avgChars.toFixed(0)} chars)`,
);
console.log(`runs: ${rates.map((r) => Math.round(r).toLocaleString('en')).join(', ')} posts/s`);
console.log(
  `best: ${Math.round(best).toLocaleString('en')} posts/s (${((1e6 / best) | 0).toLocaleString('en')} µs/post)`,
);
console.log(
  `matched posts: ${matched} (${((matched / POSTS) * 100).toFixed(1)}%), brand matches: ${st.matches}, ` +
    `query evaluations: ${st.queryEvaluations} (${(st.queryEvaluations / POSTS).toFixed(3)} per post of ${BRANDS} brands), ` +
    `exclude evaluations: ${st.excludeEvaluations}, account matches: ${st.accountMatches}`,
);
