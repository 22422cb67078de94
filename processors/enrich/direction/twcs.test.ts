import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateDirectionOnTwcs, loadTwcs } from './twcs.ts';

const SAMPLE = join(import.meta.dirname, '../../../../shared/data/conversations/twcs-sample.csv');

describe('TWCS direction evaluation', () => {
  it('labels from metadata and scores the rules on a hand-made thread', () => {
    const dir = mkdtempSync(join(tmpdir(), 'twcs-'));
    const path = join(dir, 't.csv');
    writeFileSync(
      path,
      [
        ',tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id',
        '0,1,101,True,x,@acmecare my order is late,2,',
        '1,2,acmecare,False,x,@101 sorry! DM us,3,1.0',
        '2,3,101,True,x,@acmecare done,,2.0',
        '3,4,101,True,x,"and it is the second time, argh",,3.0',
        '4,5,202,True,x,@101 same here,,1.0',
        '5,6,303,True,x,@404 did you try turning it off,,',
        '6,7,505,True,x,reply to a tweet we do not have,,99.0',
      ].join('\n'),
    );
    const result = evaluateDirectionOnTwcs(loadTwcs(path));
    expect(result.n).toBe(6);
    expect(result.skipped).toBe(1);
    expect(result.accuracy).toBe(1);
    expect(result.report()).toContain('b2c');
  });

  it.skipIf(!existsSync(SAMPLE))(
    'reaches 97% on the shared TWCS sample (skipped when ../shared/data is absent)',
    () => {
      const result = evaluateDirectionOnTwcs(loadTwcs(SAMPLE));
      expect(result.n).toBeGreaterThan(4000);
      expect(result.accuracy).toBeGreaterThanOrEqual(0.97);
    },
  );
});
