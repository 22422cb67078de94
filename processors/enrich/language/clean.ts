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
  if (!text.includes('&')) return text;
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
  // Memoised: a stream repeats few tags many times, and the split costs four regex passes.
  let split = splitTags.get(tag);
  if (split === undefined) {
    if (splitTags.size >= MEMO_MAX) splitTags.clear();
    split = splitHashtagUncached(tag);
    splitTags.set(tag, split);
  }
  return split;
}

/** Bound on each memo here: cleared when full, so a stream of new keys cannot grow it without limit. */
const MEMO_MAX = 50_000;
const splitTags = new Map<string, string>();

function splitHashtagUncached(tag: string): string {
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
  const keepEmoji = options.keepEmoji === true;
  // Language detection, sentiment and emotion each clean the same post in turn: the last answers are kept.
  const last = keepEmoji ? lastWithEmoji : lastWithoutEmoji;
  if (last.text === text) return last.out;
  let t = withoutLinks(text);
  // Every EMOJI_RE alternative is outside ASCII: an ASCII text has nothing for it to find.
  if (!keepEmoji && NON_ASCII.test(t)) t = t.replace(EMOJI_RE, ' ');
  t = t.replace(/^\s*RT\b:?/, ' ');
  last.out = collapseSpaces(t);
  last.text = text;
  return last.out;
}

/** The last text stripped and its result, per variant. */
const lastWithoutEmoji = { text: null as string | null, out: '' };
const lastWithEmoji = { text: null as string | null, out: '' };
const lastLinkless = { text: null as string | null, out: '' };

/** Entities decoded, URLs and @handles removed, #tags split into words: the part both strip variants share. */
function withoutLinks(text: string): string {
  if (lastLinkless.text === text) return lastLinkless.out;
  let t = decodeHtmlEntities(text);
  t = t.replace(URL_RE, ' ');
  // Each pattern needs its sigil: a text without it is left as it is, without a scan.
  if (t.includes('@')) t = t.replace(HANDLE_RE, '$1 ');
  if (t.includes('#')) t = t.replace(HASHTAG_RE, withSplitTag);
  lastLinkless.out = t;
  lastLinkless.text = text;
  return t;
}

const NON_ASCII = /[\u0080-\uffff]/;

/** HASHTAG_RE's replacement: the tag's body split into words (module level: no closure per text). */
function withSplitTag(_m: string, pre: string, body: string): string {
  return `${pre}${splitHashtag(body)}`;
}

/** Clean-up used before language detection (also strips ASCII emoticons). */
export function cleanForLanguageDetection(text: string): string {
  const t = stripSocialNoise(text)
    // ASCII emoticons such as :-) ;( :D xD <3
    .replace(/(^|\s)(?:[:;=8xX][-'^o]?[()[\]DPpOo3/\\|*]+|<\/?3+|\^_*\^)(?=\s|$)/g, '$1 ')
    // digits and punctuation-only runs carry no language signal
    .replace(/(^|\s)[\p{N}\p{P}\p{S}]+(?=\s|$)/gu, '$1 ');
  return collapseSpaces(t);
}

/**
 * Every whitespace run as one space, trimmed. Same as `.replace(/\s+/g, ' ').trim()`, but a lone space (most of
 * them) is not a match, so it is not copied.
 */
function collapseSpaces(text: string): string {
  return text.replace(/\s{2,}|[^\S ]/g, ' ').trim();
}

const LETTER = /\p{L}/u;

/** Number of letters (any script) in a string, i.e. of code points in `\p{L}`. */
export function letterCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    // ASCII without a regex: most text is mostly ASCII.
    if (u < 0x80) {
      if ((u >= 0x41 && u <= 0x5a) || (u >= 0x61 && u <= 0x7a)) n++;
      continue;
    }
    const cp = text.codePointAt(i) as number;
    if (cp > 0xffff) i++;
    if (LETTER.test(String.fromCodePoint(cp))) n++;
  }
  return n;
}
