import { decode } from 'html-entities';

const LINK = /https?:\/\/[^\s<>"')\]]+/g;

/**
 * Plain text of the small HTML fragments platforms send as post bodies (Mastodon `content`, Stack Exchange
 * `body`, feed summaries): block ends become line breaks, tags go, entities are decoded.
 */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|blockquote|pre|h[1-6])>/gi, '\n')
    .replace(/<[^>]*>/g, '');
  return decode(text)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Link targets in an HTML fragment (`href`) and bare URLs in its text, deduplicated, in order. */
export function linksIn(html: string, text = htmlToText(html)): string[] {
  const hrefs = [...html.matchAll(/href="([^"]+)"/gi)].map((m) => decode(m[1]!));
  return [...new Set([...hrefs, ...(text.match(LINK) ?? [])].filter((u) => /^https?:\/\//.test(u)))];
}
