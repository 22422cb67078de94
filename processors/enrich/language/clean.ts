/**
 * Text clean-up before language detection: social-media noise carries no
 * language signal (URLs, @handles, emoji) or misleads n-gram detectors
 * (hashtags glued together in CamelCase, HTML entities, retweet markers).
 */

const HTML_ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&apos;': "'",
  '&nbsp;': ' ',
};

/** Decodes the handful of HTML entities that social APIs leave in text. */
export function decodeHtmlEntities(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39|apos|nbsp);/g, (m) => HTML_ENTITIES[m] ?? m);
}

/** URLs, including `www.` forms and the bare `http` placeholder some corpora use. */
export const URL_RE = /\b(?:https?:\/\/|www\.)\S+|\bhttps?\b(?::\/\/)?/gi;
/** @handles (Twitter, Instagram, Mastodon `@user@host`). */
export const HANDLE_RE = /(^|[^\p{L}\p{N}_])@[\p{L}\p{N}_]+(?:@[\w.-]+)?/gu;
/** #tags: captured body is kept (split on CamelCase) by {@link stripSocialNoise}. */
export const HASHTAG_RE = /(^|[^\p{L}\p{N}_&])#([\p{L}\p{N}_]+)/gu;
/**
 * Emoji: pictographs plus the joiners/modifiers/selectors and regional
 * indicators (flags) that make up emoji sequences.
 */
export const EMOJI_RE =
  /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\u200D|\uFE0F|\uFE0E|\u20E3/gu;

/** Splits a hashtag body into words: `BlackFriday2024` → `Black Friday 2024`. */
export function splitHashtag(tag: string): string {
  return tag
    .replace(/_/g, ' ')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/(\p{L})(\p{N})/gu, '$1 $2')
    .replace(/(\p{N})(\p{L})/gu, '$1 $2');
}

export interface StripOptions {
  /** Keep emoji characters (sentiment wants them, language detection does not). Default false. */
  keepEmoji?: boolean;
}

/**
 * Removes URLs and @handles, turns #tags into their words and (by default)
 * drops emoji, then collapses whitespace. Leading `RT` markers are dropped.
 */
export function stripSocialNoise(text: string, options: StripOptions = {}): string {
  let t = decodeHtmlEntities(text);
  t = t.replace(URL_RE, ' ');
  t = t.replace(HANDLE_RE, '$1 ');
  t = t.replace(HASHTAG_RE, (_m, pre: string, body: string) => `${pre}${splitHashtag(body)}`);
  if (!options.keepEmoji) t = t.replace(EMOJI_RE, ' ');
  t = t.replace(/^\s*RT\b:?/, ' ');
  return t.replace(/\s+/g, ' ').trim();
}

/** Clean-up used before language detection (also strips ASCII emoticons). */
export function cleanForLanguageDetection(text: string): string {
  const t = stripSocialNoise(text)
    // ASCII emoticons such as :-) ;( :D xD <3
    .replace(/(^|\s)(?:[:;=8xX][-'^o]?[()[\]DPpOo3/\\|*]+|<\/?3+|\^_*\^)(?=\s|$)/g, '$1 ')
    // digits and punctuation-only runs carry no language signal
    .replace(/(^|\s)[\p{N}\p{P}\p{S}]+(?=\s|$)/gu, '$1 ');
  return t.replace(/\s+/g, ' ').trim();
}

/** Number of letters (any script) in a string. */
export function letterCount(text: string): number {
  let n = 0;
  for (const ch of text) if (/\p{L}/u.test(ch)) n++;
  return n;
}
