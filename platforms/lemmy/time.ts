/**
 * Lemmy before 0.19 writes UTC times without a zone (`2023-06-01T12:00:00.123456`), which `Date.parse`
 * would read as local time: a time without a zone is UTC here.
 */
export function lemmyTime(value: string): number {
  const zoned = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`;
  return Date.parse(zoned);
}
