import { redactText } from '../core/redact.ts';
import { queryRows } from '../core/clickhouse.ts';
import { consumerLag, groupId, topicMessageCount } from '../core/kafka.ts';
import type { Runtime } from '../core/runtime.ts';
import { CursorStore } from '../ingest/framework/cursor-store.ts';
import { queries } from '../schema/queries.ts';
import { topicName } from '../schema/topics.ts';
import { inputsOf, processorsToRun } from '../processors/components.ts';
import { formatLastAlerts, lastAlerts, type LastAlert } from '../processors/alerts/status.ts';

export interface ComponentStatus {
  component: string;
  input: string;
  lag: number;
  consumed: number;
}

export interface PipelineStatus {
  components: ComponentStatus[];
  sources: {
    sourceId: string;
    produced: number;
    updatedAt: string;
    /** Seconds between the newest item produced and now. */
    lagSeconds?: number;
    rejected?: number;
    errors?: number;
    lastError?: string;
  }[];
  rows: { posts: number; mentions: number; interactions: number; deadLetters: number };
  dlqMessages: number;
  /** The newest alert per brand (processors/alerts). */
  alerts?: LastAlert[];
}

export async function pipelineStatus(rt: Runtime): Promise<PipelineStatus> {
  const ns = rt.config.namespace;
  const admin = rt.kafka.admin();
  await admin.connect();
  try {
    const components = await Promise.all(
      processorsToRun(rt.config).flatMap((component) => {
        return inputsOf(component).map(async (key) => {
          const topic = topicName(key, ns);
          const { lag, committed } = await consumerLag(admin, groupId(ns, component), topic);
          return { component, input: topic, lag, consumed: committed };
        });
      }),
    );
    const dlqMessages = await topicMessageCount(admin, topicName('dlq', ns));
    const cursors = await new CursorStore(rt.kafka, rt.producer, ns).loadAll();
    const [posts] = await queryRows<{ posts: string }>(rt.clickhouse, queries.postsTotal());
    const [dead] = await queryRows<{ dead_letters: string }>(rt.clickhouse, queries.deadLettersTotal());
    const [facts] = await queryRows<{ mentions: string; interactions: string }>(
      rt.clickhouse,
      queries.factsTotal(),
    );
    return {
      components,
      sources: [...cursors.values()].map((c) => ({
        sourceId: c.sourceId,
        produced: c.produced,
        updatedAt: c.updatedAt,
        ...(c.newestAt
          ? { lagSeconds: Math.max(0, Math.round((Date.now() - Date.parse(c.newestAt)) / 1000)) }
          : {}),
        ...(c.rejected ? { rejected: c.rejected } : {}),
        ...(c.errors ? { errors: c.errors } : {}),
        // Cursors written before errors were redacted may still hold a credential.
        ...(c.lastError ? { lastError: redactText(c.lastError) } : {}),
      })),
      rows: {
        posts: Number(posts?.posts ?? 0),
        mentions: Number(facts?.mentions ?? 0),
        interactions: Number(facts?.interactions ?? 0),
        deadLetters: Number(dead?.dead_letters ?? 0),
      },
      dlqMessages,
      alerts: await lastAlerts(rt.clickhouse),
    };
  } finally {
    await admin.disconnect();
  }
}

/**
 * Every processor has committed its whole input. A sink commits only what ClickHouse acknowledged, so once
 * this holds no insert is still in flight or being retried.
 */
export async function caughtUp(rt: Runtime): Promise<boolean> {
  return (await pipelineStatus(rt)).components.every((c) => c.lag === 0);
}

export function formatStatus(s: PipelineStatus): string {
  const lines = ['component           input                     consumed        lag'];
  for (const c of s.components) {
    lines.push(
      `${c.component.padEnd(20)}${c.input.padEnd(26)}${String(c.consumed).padStart(8)}${String(c.lag).padStart(11)}`,
    );
  }
  lines.push('', 'source              produced   rejected   errors      lag(s)   updated');
  if (s.sources.length === 0) lines.push('(no source has run yet)');
  for (const src of s.sources) {
    lines.push(
      `${src.sourceId.padEnd(20)}${String(src.produced).padStart(8)}${String(src.rejected ?? 0).padStart(11)}${String(src.errors ?? 0).padStart(9)}${String(src.lagSeconds ?? '-').padStart(12)}   ${src.updatedAt}`,
    );
    if (src.lastError) lines.push(`${''.padEnd(20)}last error: ${src.lastError}`);
  }
  lines.push(
    '',
    `ClickHouse rows: posts ${s.rows.posts}, mentions ${s.rows.mentions}, interactions ${s.rows.interactions}, dead_letters ${s.rows.deadLetters}`,
    `DLQ topic messages: ${s.dlqMessages}`,
  );
  if (s.alerts) lines.push(...formatLastAlerts(s.alerts));
  return lines.join('\n');
}
