/** The post id and raw-topic message key of an item: both the connector and the normaliser use it. */
export const lemmyKey = (host: string, kind: 'post' | 'comment', id: number | string) =>
  `lemmy:${host}:${kind}/${id}`;
