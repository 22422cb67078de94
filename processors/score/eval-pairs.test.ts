import { describe, expect, it } from 'vitest';
import { evaluatePairs, parsePairs } from './eval-pairs.ts';

const header =
  'Choice,A_follower_count,A_following_count,A_listed_count,A_mentions_received,A_retweets_received,A_mentions_sent,A_retweets_sent,A_posts,B_follower_count,B_following_count,B_listed_count,B_mentions_received,B_retweets_received,B_mentions_sent,B_retweets_sent,B_posts';

describe('pairwise influence evaluation (aggregate features)', () => {
  it('reads the pairs layout and names a bad Choice', () => {
    const pairs = parsePairs(`${header}\n1,100,50,3,10,5,1,1,20,10,500,0,0,0,30,40,900\n`);
    expect(pairs[0]).toEqual({
      aWins: true,
      a: {
        followers: 100,
        following: 50,
        listed: 3,
        mentionsReceived: 10,
        repostsReceived: 5,
        mentionsSent: 1,
        repostsSent: 1,
        posts: 20,
      },
      b: {
        followers: 10,
        following: 500,
        listed: 0,
        mentionsReceived: 0,
        repostsReceived: 0,
        mentionsSent: 30,
        repostsSent: 40,
        posts: 900,
      },
    });
    expect(() => parsePairs(`${header}\n2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1\n`)).toThrow(/row 2: Choice/);
  });

  it('beats follower count where reactions tell a different story, and reports the baseline', () => {
    // A bought followers and nobody reacts; B has fewer followers but real reactions. Judges pick B.
    const rows = [
      '0,50000,52000,1,2,0,400,300,5000,8000,300,40,900,600,20,10,800',
      '1,9000,400,60,1200,800,30,20,700,60000,61000,2,3,1,500,500,9000',
    ];
    const r = evaluatePairs(parsePairs(`${header}\n${rows.join('\n')}\n`));
    expect(r.pairs).toBe(2);
    expect(r.accuracy).toBe(1);
    expect(r.followersBaseline).toBe(0);
  });
});
