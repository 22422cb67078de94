/**
 * Times as normalisers read them. `new Date(x).toISOString()` throws on values outside what `Date` holds (a
 * count of seconds of 1e20, a year 300000): these return `undefined` instead, which the caller turns into an
 * error result. Values `Date` holds but ClickHouse does not (1900, 2200) are refused by the Post schema.
 */
export function isoFromMs(ms: number | null | undefined): string | undefined {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return undefined;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function isoFromSeconds(seconds: number | null | undefined): string | undefined {
  return typeof seconds === 'number' ? isoFromMs(seconds * 1000) : undefined;
}

/** Any text `Date.parse` reads, as ISO UTC. */
export function isoFromText(text: string | null | undefined): string | undefined {
  return typeof text === 'string' && text ? isoFromMs(Date.parse(text)) : undefined;
}

/** The host of a URL, or undefined when it is not one (`new URL` throws). */
export function hostOf(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).host || undefined;
  } catch {
    return undefined;
  }
}

/** A parsed URL, or undefined. */
export function parseUrl(url: string | null | undefined): URL | undefined {
  if (!url) return undefined;
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
