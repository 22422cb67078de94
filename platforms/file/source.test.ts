import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileSourceConfig } from './config.ts';
import { createFileSource, lineToItem } from './source.ts';

const config = { id: 'bf', source: 'import' };

describe('lineToItem', () => {
  it('keeps envelopes, keys posts by postId and passes broken lines on as text', () => {
    expect(lineToItem('{"source":"simulator","payload":{"id":"1"}}', 1, config)).toMatchObject({
      source: 'simulator',
      payload: { id: '1' },
    });
    expect(lineToItem('{"postId":"forum:9","text":"x"}', 2, config)).toMatchObject({
      key: 'forum:9',
      source: 'import',
    });
    expect(lineToItem('{oops', 3, config)).toEqual({
      key: 'import:bf-line-3',
      source: 'import',
      payload: '{oops',
    });
  });
});

describe('file source', () => {
  it('pages through the file and resumes after the cursor without gap or repeat', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lateral-file-'));
    const path = join(dir, 'in.jsonl');
    writeFileSync(
      path,
      Array.from({ length: 25 }, (_, i) => JSON.stringify({ postId: `x:${i}` })).join('\n') + '\n\n',
    );
    const source = createFileSource(FileSourceConfig.parse({ type: 'file', id: 'f', path, pageSize: 10 }));
    const signal = new AbortController().signal;
    const first: string[] = [];
    let cursor: string | undefined;
    for await (const page of source.pages(undefined, signal)) {
      first.push(...page.items.map((i) => i.key));
      cursor = page.cursor;
      if (first.length === 10) break; // "crash" after the first acknowledged page
    }
    const rest: string[] = [];
    for await (const page of source.pages(cursor, signal)) rest.push(...page.items.map((i) => i.key));
    expect([...first, ...rest]).toEqual(Array.from({ length: 25 }, (_, i) => `x:${i}`));
  });
});
