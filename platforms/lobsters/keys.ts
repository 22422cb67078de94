/**
 * The post id and raw-topic message key of an item (`s/` story, `c/` comment), and the author id (`u/`): both
 * the connector and the normaliser use it. Short ids are per site and per kind (a story and a comment may
 * share one), hence the host and the kind, as in the site's own URLs.
 */
export const lobstersKey = (host: string, kind: 's' | 'c' | 'u', shortId: string) =>
  `lobsters:${host}:${kind}/${shortId}`;
