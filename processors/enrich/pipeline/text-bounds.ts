/**
 * How much of a post the per-message analyses read. A post may hold up to 100,000 characters, and the
 * analyses cost several microseconds per character, so one long post would otherwise hold its partition for
 * seconds. Brand matching reads more than the other analyses, since a brand named once late in a long post
 * is still a mention; sentiment, language, emotion and advocacy read the beginning, which for a long text
 * carries its gist. Texts up to these lengths are analysed whole, with unchanged results.
 */
export const MATCH_TEXT_CHARS = 5_000;
export const ANALYSIS_TEXT_CHARS = 2_000;

/** How far back from the limit a cut looks for whitespace, so no word is split. */
const WORD_LOOKBACK = 100;

/**
 * The first `max` characters of `text`, cut at whitespace when there is some near the limit, never inside a
 * surrogate pair. Constant work beyond the copy: the scan for whitespace is bounded.
 */
export function boundText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  for (let i = end; i > end - WORD_LOOKBACK && i > 0; i--) {
    if (/\s/.test(text[i]!)) return text.slice(0, i);
  }
  return text.slice(0, end);
}
