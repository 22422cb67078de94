/** Lemmy API v3 views (PostView, CommentView, Person, Community) as the instance serves them. */
export function lemmyPerson(id: number, name: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    name,
    display_name: name.charAt(0).toUpperCase() + name.slice(1),
    avatar: null,
    banned: false,
    published: '2023-07-01T10:00:00.000000Z',
    actor_id: `https://lemmy.example/u/${name}`,
    local: true,
    deleted: false,
    bot_account: false,
    instance_id: 1,
    ...extra,
  };
}

const community = {
  id: 12,
  name: 'kettles',
  title: 'Kettles',
  removed: false,
  published: '2023-01-01T00:00:00.000000Z',
  deleted: false,
  nsfw: false,
  actor_id: 'https://lemmy.example/c/kettles',
  local: true,
  hidden: false,
  posting_restricted_to_mods: false,
  instance_id: 1,
  visibility: 'Public',
};

export function lemmyPostView(
  id: number,
  published: string,
  extra: { post?: Record<string, unknown>; creator?: unknown; counts?: Record<string, unknown> } = {},
) {
  return {
    post: {
      id,
      name: `Kettlebrew thread ${id}`,
      body: `My **Kettlebrew** kettle (post ${id}) beeps at night. Anyone?`,
      creator_id: 31,
      community_id: 12,
      removed: false,
      locked: false,
      published,
      deleted: false,
      nsfw: false,
      ap_id: `https://lemmy.example/post/${id}`,
      local: true,
      language_id: 37,
      featured_community: false,
      featured_local: false,
      ...extra.post,
    },
    creator: extra.creator ?? lemmyPerson(31, 'ana'),
    community,
    creator_banned_from_community: false,
    banned_from_community: false,
    creator_is_moderator: false,
    creator_is_admin: false,
    counts: {
      post_id: id,
      comments: 0,
      score: 4,
      upvotes: 5,
      downvotes: 1,
      published,
      newest_comment_time: published,
      ...extra.counts,
    },
    subscribed: 'NotSubscribed',
    saved: false,
    read: false,
    hidden: false,
    creator_blocked: false,
    unread_comments: 0,
  };
}

export function lemmyCommentView(
  id: number,
  postId: number,
  path: string,
  published: string,
  extra: { comment?: Record<string, unknown>; creator?: unknown; counts?: Record<string, unknown> } = {},
) {
  return {
    comment: {
      id,
      creator_id: 32,
      post_id: postId,
      content: `Comment ${id}: same with mine, try a reset.`,
      removed: false,
      published,
      deleted: false,
      ap_id: `https://lemmy.example/comment/${id}`,
      local: true,
      path,
      distinguished: false,
      language_id: 37,
      ...extra.comment,
    },
    creator: extra.creator ?? lemmyPerson(32, 'ben'),
    post: lemmyPostView(postId, published).post,
    community,
    counts: extra.counts ?? { comment_id: id, score: 2, upvotes: 2, downvotes: 0, published, child_count: 0 },
    creator_banned_from_community: false,
    banned_from_community: false,
    creator_is_moderator: false,
    creator_is_admin: false,
    subscribed: 'NotSubscribed',
    saved: false,
    creator_blocked: false,
  };
}
