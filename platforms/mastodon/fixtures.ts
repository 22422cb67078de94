/**
 * Mastodon entities as the REST API documents them (Status, Account; docs.joinmastodon.org/entities), used by
 * the fake instance, the connector tests and the normaliser tests.
 */
export function mastodonAccount(id: string, acct: string, extra: Record<string, unknown> = {}) {
  const username = acct.split('@')[0]!;
  return {
    id,
    username,
    acct,
    display_name: username.charAt(0).toUpperCase() + username.slice(1),
    locked: false,
    bot: false,
    discoverable: true,
    group: false,
    created_at: '2022-11-04T00:00:00.000Z',
    note: '<p>Coffee person</p>',
    url: `https://social.example/@${username}`,
    avatar: 'https://social.example/avatars/original/missing.png',
    followers_count: 120,
    following_count: 80,
    statuses_count: 410,
    last_status_at: '2026-03-05',
    emojis: [],
    fields: [],
    ...extra,
  };
}

export function mastodonStatus(id: string, createdAt: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    created_at: createdAt,
    in_reply_to_id: null,
    in_reply_to_account_id: null,
    sensitive: false,
    spoiler_text: '',
    visibility: 'public',
    language: 'en',
    uri: `https://social.example/users/ana/statuses/${id}`,
    url: `https://social.example/@ana/${id}`,
    replies_count: 1,
    reblogs_count: 2,
    favourites_count: 5,
    edited_at: null,
    content: `<p>My <a href="https://social.example/tags/kettlebrew" class="mention hashtag" rel="tag">#<span>kettlebrew</span></a> descaled itself again &amp; the coffee is great. Status ${id}</p>`,
    reblog: null,
    application: { name: 'Web', website: null },
    account: mastodonAccount('1001', 'ana'),
    media_attachments: [],
    mentions: [],
    tags: [{ name: 'kettlebrew', url: 'https://social.example/tags/kettlebrew' }],
    emojis: [],
    card: null,
    poll: null,
    ...extra,
  };
}
