/** The post id and raw-topic message key of an item: both the connector and the normaliser use it. */
export const redditKey = (fullname: string) => `reddit:${fullname}`;
