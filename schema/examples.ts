/**
 * Example payloads of every topic. They are test fixtures: `schema/topics.test.ts` validates them and
 * `processors/normalize/normalize.test.ts` runs every raw example through the normalizer.
 */

const T0 = '2026-03-02T09:15:00.000Z';

/** A status as the simulator emits it (Mastodon-like shape, plain-text content). */
export const simulatorStatus = {
  kind: 'status',
  id: '100001',
  created_at: T0,
  url: 'https://social.example/@anna/100001',
  language: 'nl',
  account: {
    id: 'u42',
    acct: 'anna',
    display_name: 'Anna de Vries',
    followers_count: 120,
    following_count: 80,
    created_at: '2021-05-01T00:00:00.000Z',
    bot: false,
  },
  content: '@fietsfabriek mijn nieuwe fiets piept bij het remmen, wie weet raad?',
  in_reply_to_id: null,
  in_reply_to_account_id: null,
  quote_id: null,
  mentions: [{ id: 'b1', acct: 'fietsfabriek' }],
  tags: [],
  favourites_count: 2,
  reblogs_count: 0,
  replies_count: 1,
};

/** A review as the simulator emits it (App-Store-like shape) with the owner's public reply. */
export const simulatorReview = {
  kind: 'review',
  id: 'r9001',
  updated: '2026-03-02T10:00:00.000Z',
  author: { id: 'u77', name: 'Jonas' },
  rating: 2,
  title: 'Akku hält nicht',
  content: 'Der Akku hält kaum einen Tag, schade.',
  version: '3.2.1',
  language: 'de',
  app: { id: 'app-lumora', name: 'Lumora Buds' },
  developer_response: {
    id: 'dr9001',
    author_id: 'b2',
    body: 'Danke für Ihr Feedback, bitte kontaktieren Sie unseren Support.',
    modified: '2026-03-02T12:00:00.000Z',
  },
};

export const rawExamples = [
  { source: 'simulator', sourceId: 'demo', fetchedAt: T0, sourceCursor: '1', payload: simulatorStatus },
  { source: 'simulator', sourceId: 'demo', fetchedAt: T0, sourceCursor: '2', payload: simulatorReview },
  {
    source: 'import',
    sourceId: 'backfill',
    fetchedAt: T0,
    payload: {
      postId: 'forum:abc-1',
      source: 'forum',
      url: 'https://forum.example/t/1',
      author: { id: 'forum:u1', handle: 'kees', name: 'Kees' },
      text: 'Kaffeekraft maakt de beste espresso, echt een aanrader',
      createdAt: T0,
    },
  },
] as const;

export const postExamples = [
  {
    postId: 'simulator:100001',
    source: 'simulator',
    url: 'https://social.example/@anna/100001',
    author: {
      id: 'simulator:u42',
      handle: 'anna',
      name: 'Anna de Vries',
      followers: 120,
      following: 80,
      createdAt: '2021-05-01T00:00:00.000Z',
      bot: false,
    },
    text: '@fietsfabriek mijn nieuwe fiets piept bij het remmen, wie weet raad?',
    lang: 'nl',
    createdAt: T0,
    fetchedAt: T0,
    mentions: ['fietsfabriek'],
    hashtags: [],
    links: [],
    metrics: { likes: 2, reposts: 0, replies: 1 },
  },
] as const;

export const deadLetterExamples = [
  {
    id: 'lateral.raw.v1/3/1207/normalize',
    topic: 'lateral.raw.v1',
    partition: 3,
    offset: '1207',
    key: 'simulator:bad-1',
    component: 'normalize',
    step: 'normalize',
    error: 'simulator status: created_at: Invalid ISO datetime',
    payload: '{"source":"simulator","fetchedAt":"2026-03-02T09:15:00.000Z","payload":{"kind":"status"}}',
    payloadEncoding: 'utf8',
    at: T0,
  },
] as const;

export const cursorExamples = [
  { sourceId: 'demo', cursor: '{"next":5000}', produced: 5000, updatedAt: T0 },
] as const;

const sentimentExample = { score: -0.42, label: 'negative', confidence: 0.71, model: 'trained-umsab@1' };

/** The post above about the brand `fietsfabriek`, with its per-message analysis (threads stage input). */
export const enrichedExamples = [
  {
    kind: 'post',
    brand: 'fietsfabriek',
    post: postExamples[0],
    lang: 'nl',
    sentiment: sentimentExample,
    emotion: { sadness: 0.4 },
    dominantEmotion: 'sadness',
    matchedTerms: ['@fietsfabriek'],
  },
  {
    kind: 'sentiment',
    brand: 'fietsfabriek',
    postId: 'simulator:100001',
    sentiment: { score: -0.5, label: 'negative', confidence: 0.8, model: 'trained-custom@2' },
  },
] as const;

/** What the threads stage makes of the enriched example: the customer addresses the brand (vertical). */
export const mentionExamples = [
  {
    postId: 'simulator:100001',
    brand: 'fietsfabriek',
    source: 'simulator',
    url: 'https://social.example/@anna/100001',
    authorId: 'simulator:u42',
    authorHandle: 'anna',
    authorFollowers: 120,
    authorIsBrand: false,
    text: '@fietsfabriek mijn nieuwe fiets piept bij het remmen, wie weet raad?',
    lang: 'nl',
    createdAt: T0,
    rootId: 'simulator:100001',
    direction: 'customer_to_brand',
    directionRule: 'addressed',
    mode: 'twoway',
    sentiment: sentimentExample,
    emotion: { sadness: 0.4 },
    dominantEmotion: 'sadness',
    signals: [],
    matchedTerms: ['@fietsfabriek'],
    version: 1772442900000,
    revision: 0,
  },
] as const;

export const interactionExamples = [
  {
    id: 'simulator:100002>reply>simulator:u42',
    from: 'simulator:b1',
    to: 'simulator:u42',
    kind: 'reply',
    brand: 'fietsfabriek',
    postId: 'simulator:100002',
    targetPostId: 'simulator:100001',
    at: '2026-03-02T09:40:00.000Z',
  },
] as const;

/** An author's record in `lateral.authors.v1`: scores per brand and the state a restarted scorer restores. */
export const authorExamples = [
  {
    kind: 'author',
    authorId: 'simulator:u42',
    isBrand: false,
    trust: 57.69,
    flags: [],
    scores: [
      {
        authorId: 'simulator:u42',
        brand: 'fietsfabriek',
        influence: 75,
        trust: 57.69,
        components: {
          influence: {
            raw: 6.3827,
            reach: 4.7958,
            listed: 0,
            amplification: 0,
            conversation: 0.1682,
            breadth: 0.4183,
            efficiency: 0.1682,
            network: 0.8321,
            imbalance: 0,
            chatter: 0,
            weightedReactions: 0.4,
            repostsReceived: 0,
            quotesReceived: 0,
            repliesReceived: 1,
            mentionsReceived: 0,
            uniqueReactors: 1,
            posts: 0.9983,
            amplificationPerPost: 0,
            pagerank: 1.2982,
            followers: 120,
          },
          trust: {
            reputation: 0.5769,
            positiveEvidence: 0.5,
            negativeEvidence: 0.1,
            prior: 1,
            factors: {},
          },
        },
        flags: [],
        updatedAt: '2026-03-02T09:40:00.000Z',
        model: 'lateral-score/1',
        version: 1772444400000,
      },
    ],
    state:
      'AQ1zaW11bGF0b3I6dTQyB3hQAAAAmVOSd0IAAJiz3sp5QgAAYkXdynlCoqABAQAAAAC45X8/AAAAALjlfz8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAD/Gt8w9AAAAAAG4aMs8mZjxbP6yaIk3k/RGsxqhXMV5ja1mjlDae27aGwEMZmlldHNmYWJyaWVrzczMPgAAAAAAAAAAAACAPwAAAABvj38/6iymPwYBAQcBAQxzaW11bGF0b3I6YjHNzMw+',
    updatedAt: '2026-03-02T09:40:00.000Z',
  },
  { kind: 'offsets', topic: 'lateral.mentions.v1', partition: 3, offset: '1207' },
] as const;
