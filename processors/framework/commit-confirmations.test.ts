import { describe, expect, it } from 'vitest';
import { CommitConfirmations } from './commit-confirmations.ts';

describe('CommitConfirmations', () => {
  it('confirms a commit only when an acknowledgement for that partition came after the mark', () => {
    const c = new CommitConfirmations();
    const before = c.mark();
    // Nothing acknowledged (kafkajs resolved without sending: consumer not running).
    expect(c.confirms('t', 0, '10', before)).toBe(false);
    c.record([{ topic: 't', partitions: [{ partition: 0, offset: '10' }] }]);
    expect(c.confirms('t', 0, '10', before)).toBe(true);
    expect(c.confirms('t', 1, '10', before)).toBe(false); // another partition
    expect(c.confirms('t', 0, '11', before)).toBe(false); // a higher offset than acknowledged
    // An old acknowledgement does not confirm a later call.
    const later = c.mark();
    expect(c.confirms('t', 0, '10', later)).toBe(false);
  });

  it('counts a concurrent acknowledgement of a higher offset of the same partition', () => {
    const c = new CommitConfirmations();
    const mark = c.mark();
    c.record([{ topic: 't', partitions: [{ partition: 2, offset: '40' }] }]);
    expect(c.confirms('t', 2, '35', mark)).toBe(true);
  });
});
