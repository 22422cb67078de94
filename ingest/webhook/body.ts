/**
 * A webhook body: one JSON object, a JSON array of objects, or JSON Lines (one object per line). Anything
 * else is refused as a whole with the position of the problem, so the sender can fix and resend; nothing of
 * a refused body is produced.
 */
export function parseBody(text: string): { items: Record<string, unknown>[] } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { error: 'empty body: send a JSON object, a JSON array or JSON Lines' };
  let whole: unknown;
  let wholeError: string | undefined;
  try {
    whole = JSON.parse(trimmed);
  } catch (err) {
    wholeError = (err as Error).message;
  }
  if (wholeError === undefined) {
    if (Array.isArray(whole)) {
      const bad = whole.findIndex((item) => !isObject(item));
      if (bad >= 0) return { error: `item [${bad}] of the array is not a JSON object` };
      return { items: whole as Record<string, unknown>[] };
    }
    if (isObject(whole)) return { items: [whole] };
    return { error: 'body must be a JSON object, a JSON array of objects or JSON Lines' };
  }
  const lines = trimmed.split(/\r?\n/);
  if (lines.length === 1) return { error: `body is not valid JSON: ${wholeError}` };
  const items: Record<string, unknown>[] = [];
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (err) {
      return { error: `line ${i + 1} is not valid JSON: ${(err as Error).message}` };
    }
    if (!isObject(parsed)) return { error: `line ${i + 1} is not a JSON object` };
    items.push(parsed);
  }
  return { items };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
