/** Algolia HN Search API hits (hn.algolia.com/api): a story and a comment as `search_by_date` returns them. */
export function hnStory(id: string, createdMs: number, extra: Record<string, unknown> = {}) {
  return {
    objectID: id,
    created_at: new Date(createdMs).toISOString(),
    created_at_i: Math.floor(createdMs / 1000),
    title: `Show HN: I reverse-engineered my Kettlebrew coffee machine (${id})`,
    url: 'https://blog.example/kettlebrew-k2',
    author: 'pg_fan',
    points: 42,
    story_text: null,
    comment_text: null,
    num_comments: 7,
    story_id: Number(id),
    story_title: null,
    story_url: null,
    parent_id: null,
    updated_at: new Date(createdMs).toISOString(),
    _tags: ['story', 'author_pg_fan', `story_${id}`],
    ...extra,
  };
}

export function hnComment(
  id: string,
  createdMs: number,
  storyId: number,
  parentId: number,
  extra: Record<string, unknown> = {},
) {
  return {
    objectID: id,
    created_at: new Date(createdMs).toISOString(),
    created_at_i: Math.floor(createdMs / 1000),
    title: null,
    url: null,
    author: 'descaler',
    points: null,
    story_text: null,
    comment_text:
      'The K2 firmware talks to <a href="https://api.example.com">their API</a> &amp; phones home.',
    num_comments: null,
    story_id: storyId,
    story_title: 'Show HN: I reverse-engineered my Kettlebrew coffee machine',
    story_url: 'https://blog.example/kettlebrew-k2',
    parent_id: parentId,
    _tags: ['comment', 'author_descaler', `story_${storyId}`],
    ...extra,
  };
}
