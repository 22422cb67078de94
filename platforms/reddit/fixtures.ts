/** Reddit "things" as the JSON API returns them (listing children: t3 submissions, t1 comments). */
export function redditSubmission(id: string, createdMs: number, extra: Record<string, unknown> = {}) {
  return {
    kind: 't3',
    data: {
      id,
      name: `t3_${id}`,
      subreddit: 'kettlebrew',
      subreddit_name_prefixed: 'r/kettlebrew',
      title: `Kettlebrew K2 keeps asking to descale (${id})`,
      selftext: 'Anyone else? u/brewmaster said it is normal. https://example.com/manual.pdf',
      author: 'beanlover',
      author_fullname: 't2_beanlover',
      created: createdMs / 1000,
      created_utc: createdMs / 1000,
      permalink: `/r/kettlebrew/comments/${id}/kettlebrew_k2/`,
      url: `https://www.reddit.com/r/kettlebrew/comments/${id}/kettlebrew_k2/`,
      is_self: true,
      domain: 'self.kettlebrew',
      score: 12,
      ups: 12,
      upvote_ratio: 0.93,
      num_comments: 2,
      over_18: false,
      stickied: false,
      link_flair_text: null,
      ...extra,
    },
  };
}

export function redditComment(
  id: string,
  createdMs: number,
  parent: string,
  link: string,
  extra: Record<string, unknown> = {},
) {
  return {
    kind: 't1',
    data: {
      id,
      name: `t1_${id}`,
      parent_id: parent,
      link_id: link,
      subreddit: 'kettlebrew',
      body: 'Same here, support replied within a day.',
      body_html: '&lt;div class="md"&gt;&lt;p&gt;Same here&lt;/p&gt;&lt;/div&gt;',
      author: 'crema_queen',
      author_fullname: 't2_crema',
      created_utc: createdMs / 1000,
      permalink: `/r/kettlebrew/comments/${link.slice(3)}/x/${id}/`,
      score: 3,
      replies: '',
      ...extra,
    },
  };
}

export function redditListing(children: unknown[], after: string | null = null) {
  return { kind: 'Listing', data: { after, before: null, dist: children.length, modhash: '', children } };
}
