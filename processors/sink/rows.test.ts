import { describe, expect, it } from 'vitest';
import { mentionExamples } from '../../schema/examples.ts';
import { Mention } from '../../schema/mention.ts';
import { mentionFromRow, mentionRow, type MentionRow } from './rows.ts';

describe('mention rows', () => {
  it('round-trips a mention through its ClickHouse row (as JSONEachRow returns it)', () => {
    const mention = Mention.parse({
      ...mentionExamples[0],
      advocacy: 'promoter',
      reviewRating: 2,
      authorTrust: 71,
    });
    const row = mentionRow(mention);
    expect(row).toMatchObject({
      direction: 'customer_to_brand',
      mode: 'twoway',
      emotion_sadness: 0.4,
      emotion_joy: 0,
    });
    // ClickHouse answers DateTime as 'YYYY-MM-DD hh:mm:ss' and UInt64 as a string.
    const returned: MentionRow = { ...row, version: String(row.version) };
    expect(mentionFromRow(returned)).toEqual(mention);
  });
});
