import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SimulatorSourceConfig } from './config.ts';
import type { Source, SourceItem, SourcePage } from '../shared/source.ts';
import { createSimulator, type SimulatorOptions } from './generator.ts';
import { simulatorKey } from './keys.ts';

export function simulatorOptions(config: SimulatorSourceConfig): SimulatorOptions {
  return {
    seed: config.seed,
    count: config.count,
    malformedRate: config.malformedRate,
    ...(config.start ? { start: config.start } : {}),
    ...(config.postsPerHour ? { postsPerHour: config.postsPerHour } : {}),
    ...(config.idBase !== undefined ? { idBase: config.idBase } : {}),
  };
}

/** Writes the ground truth of every item as JSON Lines (deterministic, so it matches any run with the seed). */
export async function writeGroundTruth(options: SimulatorOptions, path: string): Promise<number> {
  const out = createWriteStream(path);
  let n = 0;
  for (const item of createSimulator(options).items(0)) {
    if (!out.write(`${JSON.stringify(item.truth)}\n`)) await once(out, 'drain');
    n++;
  }
  out.end();
  await once(out, 'finish');
  return n;
}

function itemTime(payload: unknown): string | undefined {
  if (!payload || typeof payload !== 'object') return undefined;
  const p = payload as { created_at?: unknown; updated?: unknown };
  if (typeof p.created_at === 'string') return p.created_at;
  return typeof p.updated === 'string' ? p.updated : undefined;
}

/**
 * The simulator as a source: the cursor is the index of the next item, so a restart continues exactly where
 * the last acknowledged page ended (no gap, no repeat).
 */
export function createSimulatorSource(config: SimulatorSourceConfig): Source {
  const simulator = createSimulator(simulatorOptions(config));
  return {
    id: config.id,
    type: 'simulator',
    async *pages(cursor, signal): AsyncIterable<SourcePage> {
      const from = cursor ? Number((JSON.parse(cursor) as { next: number }).next) : 0;
      let items: SourceItem[] = [];
      let next = from;
      const started = Date.now();
      for (const item of simulator.items(from)) {
        const createdAt = itemTime(item.payload);
        // Real time: an item is produced when the clock reaches its timestamp (the demo's live phase).
        if (config.realtime && createdAt) {
          const due = Date.parse(createdAt);
          if (due > Date.now()) {
            if (items.length > 0) {
              yield { items, cursor: JSON.stringify({ next }) };
              items = [];
            }
            await sleep(Math.min(due - Date.now(), 60_000), undefined, { signal }).catch(() => undefined);
            if (signal.aborted) return;
          }
        }
        items.push({
          key: simulatorKey(item.nativeId),
          source: 'simulator',
          payload: item.payload,
          ...(createdAt ? { createdAt } : {}),
        });
        next = item.index + 1;
        if (items.length >= config.pageSize) {
          yield { items, cursor: JSON.stringify({ next }) };
          items = [];
          if (signal.aborted) return;
          if (config.ratePerSecond) {
            const due = started + ((next - from) / config.ratePerSecond) * 1000;
            if (due > Date.now()) await sleep(due - Date.now());
          }
        }
      }
      if (items.length > 0 || next === from) yield { items, cursor: JSON.stringify({ next }) };
    },
  };
}
