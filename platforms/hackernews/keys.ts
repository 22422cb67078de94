/** The post id and raw-topic message key of an item: both the connector and the normaliser use it. */
export const hackerNewsKey = (id: string) => `hackernews:${id}`;
