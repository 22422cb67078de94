import { describe, expect, it } from 'vitest';
import { chaosFailures, CI_CHAOS, formatChaosReport, runChaos } from './chaos/harness.ts';

/**
 * The short chaos run (`npm run chaos` runs the long one): one process per component on a private Kafka and
 * ClickHouse (own ports and data directory; the shared stack is never touched), while the simulator streams:
 * kill -9 of random components, ClickHouse killed for a while, the broker killed and restarted. Nothing lost,
 * nothing counted twice, every component committing again within the bound, never healthy while not
 * committing, dead letters exactly the malformed items, memory bounded during the outage.
 */
// About 4 minutes on an otherwise idle 2-core machine, longer on a busy one. Opt-in (LATERAL_CHAOS_CI=1): in a
// CI run beside the unit tests, one group once did not commit again within 90 s of the broker's restart (see the
// README's chaos section); `npm run chaos:ci` runs the same without vitest.
describe.skipIf(process.env.LATERAL_CHAOS_CI !== '1')('chaos (short variant)', () => {
  it('recovers from component, ClickHouse and broker kills with exact data', async () => {
    const report = await runChaos(CI_CHAOS);
    console.log(formatChaosReport(report));
    expect(chaosFailures(report)).toEqual([]);
  }, 900_000);
});
