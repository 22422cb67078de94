import type { Runtime } from '../../core/runtime.ts';
import type { Post } from '../../schema/post.ts';
import { topicName } from '../../schema/topics.ts';
import { drop, ok, step, type Step } from '../framework/step.ts';
import { ErasureSet } from './erasure-set.ts';
import { scrubPost } from './scrub.ts';

/** One erasure set per process (runtime), started by the first processor that needs it. */
const shared = new WeakMap<Runtime, { set: ErasureSet; users: number; ready?: Promise<void> }>();

function entry(rt: Runtime) {
  let e = shared.get(rt);
  if (!e) shared.set(rt, (e = { set: new ErasureSet(), users: 0 }));
  return e;
}

/** The process's erasure set (empty until a processor using it has started). */
export function erasuresOf(rt: Runtime): ErasureSet {
  return entry(rt).set;
}

/** Loads the erasure list and follows it; every `acquire` is matched by a `release`. */
export async function acquireErasures(rt: Runtime): Promise<ErasureSet> {
  const e = entry(rt);
  e.users++;
  e.ready ??= e.set.start(rt.kafka, topicName('erasures', rt.config.namespace)).catch((err: unknown) => {
    e.ready = undefined;
    throw err;
  });
  try {
    await e.ready;
  } catch (err) {
    e.users--;
    throw err;
  }
  return e.set;
}

export async function releaseErasures(rt: Runtime): Promise<void> {
  const e = shared.get(rt);
  if (!e || e.users === 0) return;
  if (--e.users > 0) return;
  e.ready = undefined;
  await e.set.stop();
}

/** Makes a processor load the erasure list before it consumes anything, and let go of it when it stops. */
export function withErasures<R extends { start(): Promise<void>; stop(): Promise<void> }>(
  rt: Runtime,
  runner: R,
): R {
  const start = runner.start.bind(runner);
  const stop = runner.stop.bind(runner);
  let held = false;
  runner.start = async () => {
    await acquireErasures(rt);
    held = true;
    await start();
  };
  runner.stop = async () => {
    await stop();
    if (held) {
      held = false;
      await releaseErasures(rt);
    }
  };
  return runner;
}

/** Drops the posts of erased authors and removes references to them from the others. */
export function createForgetErasedPostsStep(erased: ErasureSet): Step<Post[], Post[]> {
  return step('forget-erased', (posts: Post[]) => {
    if (erased.size === 0) return ok(posts);
    const kept = posts.map((p) => scrubPost(p, erased)).filter((p): p is Post => p !== undefined);
    return kept.length > 0 ? ok(kept) : drop('author erased (lateral forget-author)');
  });
}

/** The same for one value of any kind, with its scrubber. */
export function createForgetErasedStep<T>(
  erased: ErasureSet,
  scrub: (value: T, erased: ErasureSet) => T | undefined,
): Step<T, T> {
  return step('forget-erased', (value: T) => {
    const kept = scrub(value, erased);
    return kept === undefined ? drop('author erased (lateral forget-author)') : ok(kept);
  });
}
