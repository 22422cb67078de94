/** The post id and raw-topic message key of an item: both the connector and the normaliser use it. */
export const stackExchangeKey = (site: string, kind: 'q' | 'a', id: number) =>
  `stackexchange:${site}:${kind}${id}`;
