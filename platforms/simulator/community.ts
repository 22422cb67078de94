import seedrandom from 'seedrandom';
import type { Lang, Role } from './truth.ts';

/**
 * Who speaks in the simulated community: three fictional brands with their own accounts, and personas with a
 * role, a home language and an account profile that fits the role (bots and spammers are young accounts that
 * follow far more than they are followed; influencers have large audiences and draw many reactions;
 * celebrities have larger audiences still and draw few).
 */

export interface SimulatedBrand {
  /** Lowercase id, as in the config's `brands[].name`. */
  name: string;
  displayName: string;
  /** The brand's own accounts (first: main account that broadcasts; second, if any: the care desk). */
  handles: string[];
  accountIds: string[];
  /** Product reviewed (the App-Store-like `app.name`); it contains the display name. */
  product: string;
  appId: string;
  /** Language of the brand's broadcasts. */
  lang: Lang;
  /** Boolean query in the listening language: every on-topic text matches it, no off-topic text does. */
  query: string;
}

const BRAND_DEFS = [
  {
    name: 'fietsfabriek',
    displayName: 'Fietsfabriek',
    handles: ['fietsfabriek', 'fietsfabriek_care'],
    product: 'Fietsfabriek Stadsfiets',
    lang: 'nl',
  },
  {
    name: 'kaffeekraft',
    displayName: 'Kaffeekraft',
    handles: ['kaffeekraft'],
    product: 'Kaffeekraft Barista',
    lang: 'de',
  },
  {
    name: 'lumora',
    displayName: 'Lumora',
    handles: ['lumora', 'lumora_help'],
    product: 'Lumora Buds',
    lang: 'en',
  },
] as const;

let nextBrandAccount = 1;
export const simulatedBrands: SimulatedBrand[] = BRAND_DEFS.map((b) => ({
  name: b.name,
  displayName: b.displayName,
  handles: [...b.handles],
  // b1…b5 across brands: short, stable ids that never collide with the u… ids of personas.
  accountIds: b.handles.map(() => `b${nextBrandAccount++}`),
  product: b.product,
  appId: `app-${b.name}`,
  lang: b.lang,
  query: `"${b.displayName}" OR ${b.handles.map((h) => `@${h}`).join(' OR ')} OR #${b.name}`,
}));

export interface Persona {
  id: string;
  handle: string;
  name: string;
  role: Role;
  lang: Lang;
  followers: number;
  following: number;
  createdAt: string;
  bot: boolean;
  /** Brand accounts only: the brand they speak for. */
  brand?: string;
}

export interface Community {
  personas: Persona[];
  byHandle: Map<string, Persona>;
  /** Per brand name: its accounts, main account first. */
  brandAccounts: Map<string, Persona[]>;
  /** Non-brand personas per role, and customers per language (conversations mostly stay in one language). */
  byRole: Record<Exclude<Role, 'brand'>, Persona[]>;
  customersByLang: Record<Lang, Persona[]>;
}

const FIRST: Record<Lang, string[]> = {
  nl: [
    'Anna',
    'Daan',
    'Sanne',
    'Bram',
    'Lotte',
    'Joris',
    'Fleur',
    'Sem',
    'Noor',
    'Thijs',
    'Eva',
    'Ruben',
    'Iris',
    'Koen',
    'Femke',
    'Jeroen',
  ],
  de: [
    'Jonas',
    'Lea',
    'Lukas',
    'Marie',
    'Felix',
    'Hannah',
    'Paul',
    'Laura',
    'Tobias',
    'Katrin',
    'Jan',
    'Sabine',
    'Moritz',
    'Anja',
    'Stefan',
    'Mia',
  ],
  en: [
    'Emma',
    'Oliver',
    'Sophie',
    'Jack',
    'Grace',
    'Harry',
    'Chloe',
    'Liam',
    'Ella',
    'Noah',
    'Amelia',
    'James',
    'Ruby',
    'Ethan',
    'Isla',
    'Sam',
  ],
  fr: ['Léa', 'Hugo', 'Chloé', 'Louis', 'Manon', 'Jules', 'Camille', 'Lucas', 'Inès', 'Théo'],
  es: ['Lucía', 'Pablo', 'Sofía', 'Diego', 'Martina', 'Javier', 'Carmen', 'Álvaro', 'Elena', 'Sergio'],
};
const LAST: Record<Lang, string[]> = {
  nl: ['de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'de Boer', 'Mulder', 'Bos', 'Vos', 'Dekker'],
  de: ['Müller', 'Schmidt', 'Fischer', 'Weber', 'Wagner', 'Becker', 'Hoffmann', 'Koch', 'Richter', 'Wolf'],
  en: ['Smith', 'Brown', 'Taylor', 'Wilson', 'Evans', 'Walker', 'Hughes', 'Clarke', 'Wright', 'Hall'],
  fr: ['Martin', 'Bernard', 'Dubois', 'Moreau', 'Laurent', 'Lefèvre', 'Girard', 'Roux'],
  es: ['García', 'López', 'Martínez', 'Sánchez', 'Romero', 'Navarro', 'Torres', 'Ruiz'],
};
const INFLUENCER_HANDLES = [
  'fietsvlogger',
  'kaffeenerd',
  'gadgetgrace',
  'techtess',
  'urbanrider',
  'baristabea',
  'soundcheck_sam',
  'velodiaries',
  'cafeconleche',
  'tonyreviews',
];
const SPAM_HANDLES = [
  'best_deals',
  'promo_king',
  'gratis_nu',
  'super_angebot',
  'deal_hunter',
  'cheap_finds',
  'ofertas_ya',
  'bon_plan',
];
const BOT_HANDLES = ['newsfeed', 'trendwatch', 'dailybuzz', 'autoshare', 'hotlinks', 'feedmirror'];

const LANG_WEIGHTS: [Lang, number][] = [
  ['nl', 27],
  ['de', 25],
  ['en', 30],
  ['fr', 9],
  ['es', 9],
];

const DAY = 86_400_000;

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;

function pickLang(rng: Rng): Lang {
  let r = rng() * 100;
  for (const [lang, w] of LANG_WEIGHTS) {
    r -= w;
    if (r < 0) return lang;
  }
  return 'en';
}

/** A language, a first and last name in it, and the first name in plain lower-case ASCII (for handles). */
function randomPerson(rng: Rng): { lang: Lang; first: string; last: string; plain: string } {
  const lang = pickLang(rng);
  const first = pick(rng, FIRST[lang]);
  const last = pick(rng, LAST[lang]);
  const plain = first
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
  return { lang, first, last, plain };
}

/** Heavy-tailed counts (most people have a few hundred followers, a few have many). */
const logNormal = (rng: Rng, median: number, sigma: number) => {
  const z = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  return Math.max(0, Math.round(median * Math.exp(sigma * z)));
};

/**
 * Builds the community from its own sub-seed, so it is the same for every block of a run.
 * `size` is the number of non-brand personas; the shares of influencers (1%), bots (2%) and spammers (2%)
 * have floors so that even a small run has each role.
 */
export function buildCommunity(seed: string, size: number, start: number): Community {
  const rng = seedrandom.alea(`${seed}:community`);
  const personas: Persona[] = [];
  const byHandle = new Map<string, Persona>();
  const brandAccounts = new Map<string, Persona[]>();
  const add = (p: Persona) => {
    personas.push(p);
    byHandle.set(p.handle, p);
    return p;
  };

  for (const brand of simulatedBrands) {
    const accounts = brand.handles.map((handle, j) =>
      add({
        id: brand.accountIds[j]!,
        handle,
        name:
          j === 0
            ? brand.displayName
            : `${brand.displayName} ${brand.lang === 'nl' ? 'Klantenservice' : 'Support'}`,
        role: 'brand',
        lang: brand.lang,
        followers: logNormal(rng, j === 0 ? 40_000 : 6_000, 0.4),
        following: 80 + Math.floor(rng() * 300),
        createdAt: new Date(start - (2500 + Math.floor(rng() * 1500)) * DAY).toISOString(),
        bot: false,
        brand: brand.name,
      }),
    );
    brandAccounts.set(brand.name, accounts);
  }

  const influencers = Math.max(3, Math.round(size * 0.01));
  const bots = Math.max(4, Math.round(size * 0.02));
  const spammers = Math.max(4, Math.round(size * 0.02));
  const roles: Role[] = [];
  for (let i = 0; i < size; i++) {
    roles.push(
      i < influencers
        ? 'influencer'
        : i < influencers + bots
          ? 'bot'
          : i < influencers + bots + spammers
            ? 'spammer'
            : 'customer',
    );
  }
  // Interleave roles so that ids do not reveal them.
  for (let i = roles.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [roles[i], roles[j]] = [roles[j]!, roles[i]!];
  }

  roles.forEach((role, i) => {
    const id = `u${i + 1}`;
    const { lang, first, last, plain } = randomPerson(rng);
    let handle: string;
    let name = `${first} ${last}`;
    let followers: number;
    let following: number;
    let ageDays: number;
    let bot = false;
    switch (role) {
      case 'influencer':
        handle = `${pick(rng, INFLUENCER_HANDLES)}${i % 7 === 0 ? '' : `_${plain}`}`;
        followers = 20_000 + logNormal(rng, 60_000, 0.8);
        following = 200 + Math.floor(rng() * 800);
        ageDays = 1500 + Math.floor(rng() * 2500);
        break;
      case 'bot':
        // Only some bots declare themselves (Mastodon's bot flag); the rest look like people.
        bot = rng() < 0.4;
        handle = bot
          ? `${pick(rng, BOT_HANDLES)}_${Math.floor(rng() * 10_000)}`
          : `${plain}${Math.floor(rng() * 100_000)}`;
        if (bot) name = `${handle.split('_')[0]} bot`;
        followers = Math.floor(rng() * 40);
        following = 800 + Math.floor(rng() * 4000);
        ageDays = 2 + Math.floor(rng() * 40);
        break;
      case 'spammer':
        handle = `${pick(rng, SPAM_HANDLES)}_${Math.floor(rng() * 10_000)}`;
        name = pick(rng, ['Deals Daily', 'Super Sale', 'Win Today', 'Top Promo', 'Mega Korting']);
        followers = Math.floor(rng() * 25);
        following = 1500 + Math.floor(rng() * 5000);
        ageDays = 1 + Math.floor(rng() * 20);
        break;
      default: {
        const styles = [
          plain,
          `${plain}_${last
            .split(' ')
            .pop()!
            .normalize('NFD')
            .replace(/[^A-Za-z]/g, '')
            .toLowerCase()}`,
          `${plain}${Math.floor(rng() * 100)}`,
        ];
        handle = pick(rng, styles);
        followers = logNormal(rng, 150, 1.1);
        following = logNormal(rng, 180, 0.8);
        ageDays = 90 + Math.floor(rng() * 4000);
      }
    }
    // Handles are unique; a clash gets the persona number, as platforms suggest.
    for (let n = 1; byHandle.has(handle); n++) handle = `${handle.replace(/_\d+$/, '')}_${i + n}`;
    add({
      id,
      handle,
      name,
      role,
      lang,
      followers,
      following,
      createdAt: new Date(start - ageDays * DAY - Math.floor(rng() * DAY)).toISOString(),
      bot,
    });
  });

  addCelebrities(seed, size, start, add, byHandle);

  const byRole: Community['byRole'] = { customer: [], influencer: [], bot: [], spammer: [], celebrity: [] };
  const customersByLang: Community['customersByLang'] = { nl: [], de: [], en: [], fr: [], es: [] };
  for (const p of personas) {
    if (p.role === 'brand') continue;
    byRole[p.role].push(p);
    if (p.role === 'customer') customersByLang[p.lang].push(p);
  }
  // Every language needs speakers, even in a tiny community.
  for (const lang of Object.keys(customersByLang) as Lang[]) {
    if (customersByLang[lang].length === 0) customersByLang[lang] = byRole.customer;
  }
  return { personas, byHandle, brandAccounts, byRole, customersByLang };
}

const CELEBRITY_HANDLES = ['official', 'real', 'tv', 'live', 'hq'];

/**
 * Large accounts with little resonance (0.5 % of personas, at least 3), from a sub-seed of their own and with
 * ids after every other persona, so that adding them changed none of the other personas.
 */
function addCelebrities(
  seed: string,
  size: number,
  start: number,
  add: (p: Persona) => Persona,
  byHandle: Map<string, Persona>,
): void {
  const rng = seedrandom.alea(`${seed}:celebrities`);
  const n = Math.max(3, Math.round(size * 0.005));
  for (let k = 0; k < n; k++) {
    const { lang, first, last, plain } = randomPerson(rng);
    let handle = `${plain}${pick(rng, CELEBRITY_HANDLES)}`;
    for (let m = 1; byHandle.has(handle); m++) handle = `${handle.replace(/_\d+$/, '')}_${size + k + m}`;
    add({
      id: `u${size + k + 1}`,
      handle,
      name: `${first} ${last}`,
      role: 'celebrity',
      lang,
      followers: 150_000 + logNormal(rng, 300_000, 0.7),
      following: 100 + Math.floor(rng() * 900),
      createdAt: new Date(start - (2000 + Math.floor(rng() * 2500)) * DAY).toISOString(),
      bot: false,
    });
  }
}

export const brandByName = new Map(simulatedBrands.map((b) => [b.name, b]));
