/**
 * Lobsters JSON as the site serves it (`Story#as_json` and `Comment#as_json` of the lobsters/lobsters Rails
 * app): a story of `/newest.json` and `/s/<short_id>.json`, and a comment of the latter's `comments` list.
 * Since March 2024 `submitter_user` and `commenting_user` are usernames; before, they were user objects
 * (`lobstersUserObject`), as instances on older code still serve them.
 */
export function lobstersStory(shortId: string, createdAt: string, extra: Record<string, unknown> = {}) {
  return {
    short_id: shortId,
    short_id_url: `https://lobste.rs/s/${shortId}`,
    created_at: createdAt,
    title: `Reverse-engineering the Kettlebrew K2 firmware (${shortId})`,
    url: 'https://blog.example/kettlebrew-k2-firmware',
    score: 12,
    flags: 0,
    comment_count: 0,
    description: '',
    description_plain: '',
    comments_url: `https://lobste.rs/s/${shortId}/reverse_engineering_kettlebrew_k2`,
    submitter_user: 'descaler',
    user_is_author: true,
    tags: ['hardware', 'reversing'],
    ...extra,
  };
}

export function lobstersComment(
  shortId: string,
  storyId: string,
  createdAt: string,
  parent: string | null,
  extra: Record<string, unknown> = {},
) {
  return {
    short_id: shortId,
    short_id_url: `https://lobste.rs/c/${shortId}`,
    created_at: createdAt,
    last_edited_at: createdAt,
    is_deleted: false,
    is_moderated: false,
    score: 3,
    flags: 0,
    parent_comment: parent,
    comment: `<p>Comment ${shortId}: the K2 phones home to <a href="https://api.kettlebrew.example" rel="ugc">their API</a> every minute.</p>\n`,
    comment_plain: `Comment ${shortId}: the K2 phones home to [their API](https://api.kettlebrew.example) every minute.`,
    depth: parent ? 1 : 0,
    commenting_user: 'tinkerer',
    url: `https://lobste.rs/s/${storyId}/reverse_engineering_kettlebrew_k2#c_${shortId}`,
    ...extra,
  };
}

/** A user as `User#as_json` served it inside stories and comments before March 2024. */
export function lobstersUserObject(username: string, extra: Record<string, unknown> = {}) {
  return {
    username,
    created_at: '2019-04-02T08:15:00.000-05:00',
    is_admin: false,
    is_moderator: false,
    karma: 1234,
    homepage: '',
    about: 'I fix kettles.',
    avatar_url: `/avatars/${username}-100.png`,
    invited_by_user: 'pushcx',
    ...extra,
  };
}
