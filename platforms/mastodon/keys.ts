/** `mastodon:<instance host>:<status id>`: status ids are local to the instance that served them. */
export const mastodonKey = (host: string, id: string) => `mastodon:${host}:${id}`;
