/** The post id and raw-topic message key of an item: both the connector and the normaliser use it. */
export const discourseKey = (host: string, topicId: number | string, postNumber: number | string) =>
  `discourse:${host}:${topicId}/${postNumber}`;
