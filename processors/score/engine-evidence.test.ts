import { describe, expect, it } from 'vitest';
import { AuthorRecord } from '../../schema/author-score.ts';
import { authorExamples } from '../../schema/examples.ts';
import { deserializeAuthorState } from './codec.ts';
import { ScoringEngine } from './engine.ts';
import type { ScoringPost } from './inputs.ts';

const T0 = Date.UTC(2026, 2, 2, 9);
const MIN = 60_000;

function post(id: string, authorId: string, at: number, followers: number): ScoringPost {
  return {
    postId: id,
    authorId,
    brands: ['acme'],
    text: `Post ${id} by ${authorId} about the Acme kettle, which we have been using for a while now`,
    createdAt: at,
    profile: { followers, following: 200, createdAt: '2018-01-01T00:00:00.000Z' },
  };
}

/**
 * One community: `megaphone` (2 million followers) posts a lot and nobody reacts; `whisper` (40 followers) gets
 * one reply; `local` (300 followers) gets replies from 4 people; `loud` (300,000 followers) from 4 people too;
 * `star` (500 followers) from 20 people. Twenty more members only react.
 */
function build(): ScoringEngine {
  const engine = new ScoringEngine();
  let n = 0;
  const at = () => T0 + ++n * MIN;
  const profiles: Record<string, number> = {
    megaphone: 2_000_000,
    whisper: 40,
    local: 300,
    loud: 300_000,
    star: 500,
  };
  for (const [id, followers] of Object.entries(profiles))
    for (let k = 0; k < (id === 'megaphone' ? 12 : 2); k++)
      engine.ingestPost(post(`${id}-${k}`, id, at(), followers));
  const react = (from: string, to: string) => {
    const t = at();
    engine.ingestPost(post(`r${n}`, from, t, 150));
    engine.ingestInteraction({ id: `i${n}`, from, to, kind: 'reply', brand: 'acme', at: t });
  };
  react('fan0', 'whisper');
  for (let i = 0; i < 4; i++) react(`fan${i + 1}`, 'local');
  for (let i = 0; i < 4; i++) react(`fan${i + 5}`, 'loud');
  for (let i = 0; i < 20; i++) react(`fan${i}`, 'star');
  engine.recompute();
  return engine;
}

describe('influence rests on evidence in the community', () => {
  const engine = build();
  const s = (id: string) => engine.score(id, 'acme')!;

  it('ranks an author nobody reacted to below every author with at least one reaction', () => {
    const megaphone = s('megaphone');
    expect(megaphone.influence).toBe(0);
    expect(megaphone.components.influence.raw).toBe(0);
    for (const id of engine.authorIds()) {
      const other = engine.score(id, 'acme');
      if (other && other.components.influence.uniqueReactors > 0)
        expect(other.influence, id).toBeGreaterThan(megaphone.influence);
    }
    expect(s('whisper').influence).toBeGreaterThan(0);
  });

  it('lets audience scale evidence but not replace it', () => {
    // Same evidence (4 distinct reactors): the larger audience ranks higher.
    expect(s('loud').influence).toBeGreaterThan(s('local').influence);
    expect(s('loud').components.influence.audience).toBeGreaterThan(s('local').components.influence.audience);
    // Far more evidence beats a far larger audience.
    expect(s('star').influence).toBeGreaterThan(s('loud').influence);
  });

  it('applies the minimum-evidence rule and reports a confidence beside the percentile', () => {
    expect(s('megaphone').hasEvidence).toBe(false);
    expect(s('whisper').hasEvidence).toBe(false);
    expect(s('local').hasEvidence).toBe(true);
    expect(s('star').hasEvidence).toBe(true);
    expect(s('megaphone').influenceConfidence).toBe(0);
    expect(s('whisper').influenceConfidence).toBeGreaterThan(0);
    expect(s('local').influenceConfidence).toBeGreaterThan(s('whisper').influenceConfidence);
    expect(s('star').influenceConfidence).toBeGreaterThan(s('local').influenceConfidence);
    expect(s('star').influenceConfidence).toBeLessThan(1);
  });
});

describe('records and checkpoints written before the evidence fields', () => {
  it('still parse, as no evidence and zero confidence, and their state still restores', () => {
    const old = AuthorRecord.parse(authorExamples[0]);
    expect(old.scores[0]!.model).toBe('lateral-score/1');
    expect(old.scores[0]!.hasEvidence).toBe(false);
    expect(old.scores[0]!.influenceConfidence).toBe(0);
    expect(old.scores[0]!.components.influence.audience).toBe(1);
    const state = deserializeAuthorState(Buffer.from(old.state, 'base64'));
    const engine = new ScoringEngine();
    engine.restore(Buffer.from(old.state, 'base64'));
    expect(engine.score(state.id, [...state.brands.keys()][0]!)?.model).toBe('lateral-score/2');
  });
});
