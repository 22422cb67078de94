import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { FileSourceConfig } from './config.ts';
import type { Source, SourceItem, SourcePage } from '../shared/source.ts';

interface FileCursor {
  /** Lines already produced (1-based count), so a restart skips exactly those. */
  line: number;
}

function parseCursor(cursor: string | undefined): FileCursor {
  if (!cursor) return { line: 0 };
  const parsed = JSON.parse(cursor) as Partial<FileCursor>;
  return { line: typeof parsed.line === 'number' && parsed.line >= 0 ? parsed.line : 0 };
}

/**
 * JSON Lines import (backfill). A line is either an envelope `{"source": "...", "payload": {...}}` (a raw
 * platform export) or a bare payload of the configured source (default `import`: a normalised post).
 * A line that is not JSON is still produced, as text: the normaliser dead-letters it with the reason.
 */
export function lineToItem(
  line: string,
  lineNo: number,
  config: Pick<FileSourceConfig, 'id' | 'source'>,
): SourceItem {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { key: `${config.source}:${config.id}-line-${lineNo}`, source: config.source, payload: line };
  }
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
    const obj = parsed as Record<string, unknown>;
    if (typeof obj.source === 'string' && 'payload' in obj && /^[a-z0-9_-]+$/.test(obj.source)) {
      const key = typeof obj.key === 'string' ? obj.key : `${obj.source}:${config.id}-line-${lineNo}`;
      return { key, source: obj.source, payload: obj.payload };
    }
    const key = typeof obj.postId === 'string' ? obj.postId : `${config.source}:${config.id}-line-${lineNo}`;
    return {
      key,
      source: config.source,
      payload: obj,
      ...(typeof obj.createdAt === 'string' ? { createdAt: obj.createdAt } : {}),
    };
  }
  return { key: `${config.source}:${config.id}-line-${lineNo}`, source: config.source, payload: parsed };
}

export function createFileSource(config: FileSourceConfig): Source {
  return {
    id: config.id,
    type: 'file',
    async *pages(cursor, signal): AsyncIterable<SourcePage> {
      const start = parseCursor(cursor).line;
      const lines = createInterface({
        input: createReadStream(config.path, { encoding: 'utf8' }),
        crlfDelay: Infinity,
      });
      let lineNo = 0;
      let items: SourceItem[] = [];
      try {
        for await (const line of lines) {
          lineNo++;
          if (lineNo <= start || line.trim() === '') continue;
          items.push(lineToItem(line, lineNo, config));
          if (items.length >= config.pageSize) {
            yield { items, cursor: JSON.stringify({ line: lineNo }) };
            items = [];
            if (signal.aborted) return;
          }
        }
        if (items.length > 0 || lineNo > start)
          yield { items, cursor: JSON.stringify({ line: Math.max(lineNo, start) }) };
      } finally {
        lines.close();
      }
    },
  };
}
