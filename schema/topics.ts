import type { z } from 'zod';
import { RawEnvelope } from './raw-envelope.ts';
import { Post } from './post.ts';
import { DeadLetter } from './dead-letter.ts';
import { SourceCursor } from './cursor.ts';
import { EnrichedMessage } from './enriched.ts';
import { Interaction, Mention } from './mention.ts';
import {
  rawExamples,
  postExamples,
  deadLetterExamples,
  cursorExamples,
  enrichedExamples,
  mentionExamples,
  interactionExamples,
  authorExamples,
} from './examples.ts';
import { AuthorsMessage } from './author-score.ts';
import { Alert, alertExamples } from './alert.ts';
import { Erasure, erasureExamples } from './erasure.ts';

export interface TopicSpec<S extends z.ZodType = z.ZodType> {
  /** Versioned base name; a breaking payload change is a new name (`.v2`). */
  name: string;
  /** Which value field is the message key (decides partitioning and per-key order). */
  key: string;
  schema: S;
  partitions: number;
  cleanupPolicy: 'delete' | 'compact';
  /** Retention for `delete` topics, ms; -1 keeps forever. */
  retentionMs?: number;
  description: string;
  /** Example values; each one goes through its processor in a test. */
  examples: readonly unknown[];
}

const WEEK_MS = 7 * 24 * 3600 * 1000;

export const topics = {
  raw: {
    name: 'lateral.raw.v1',
    key: 'postId (<source>:<native id>) when the ingestor knows it, else sourceId',
    schema: RawEnvelope,
    partitions: 6,
    cleanupPolicy: 'delete',
    retentionMs: 4 * WEEK_MS,
    description: 'Platform JSON as fetched, wrapped in a RawEnvelope; re-normalisable.',
    examples: rawExamples,
  },
  posts: {
    name: 'lateral.posts.v1',
    key: 'postId',
    schema: Post,
    partitions: 6,
    cleanupPolicy: 'delete',
    retentionMs: 4 * WEEK_MS,
    description: 'Normalised, validated posts and reviews.',
    examples: postExamples,
  },
  dlq: {
    name: 'lateral.dlq.v1',
    key: 'original message key',
    schema: DeadLetter,
    partitions: 1,
    cleanupPolicy: 'delete',
    retentionMs: 4 * WEEK_MS,
    description: 'Messages a step could not handle, with the step name and the reason.',
    examples: deadLetterExamples,
  },
  cursors: {
    name: 'lateral.cursors.v1',
    key: 'sourceId',
    schema: SourceCursor,
    partitions: 1,
    cleanupPolicy: 'compact',
    description: 'Latest acknowledged position of each configured source (compacted).',
    examples: cursorExamples,
  },
  enriched: {
    name: 'lateral.enriched.v1',
    key: 'brand',
    schema: EnrichedMessage,
    // Same partition count as mentions: the threads stage rebuilds partition p's state from mentions partition p.
    partitions: 6,
    cleanupPolicy: 'delete',
    retentionMs: 4 * WEEK_MS,
    description:
      'Internal: a post × each brand it matched, with language, sentiment, emotion, advocacy; and sentiment re-scores.',
    examples: enrichedExamples,
  },
  mentions: {
    name: 'lateral.mentions.v1',
    key: 'brand',
    schema: Mention,
    partitions: 6,
    cleanupPolicy: 'delete',
    retentionMs: 4 * WEEK_MS,
    description:
      'A post × a brand: direction, thread, mode, sentiment; re-emitted with a higher version on change.',
    examples: mentionExamples,
  },
  interactions: {
    name: 'lateral.interactions.v1',
    key: 'to (the target author)',
    schema: Interaction,
    partitions: 6,
    cleanupPolicy: 'delete',
    retentionMs: 4 * WEEK_MS,
    description:
      'Reaction edges between authors (reply, quote, repost, mention, review reply) for influence.',
    examples: interactionExamples,
  },
  authors: {
    name: 'lateral.authors.v1',
    key: 'authorId (scoring offsets: ~offsets/<topic>/<partition>)',
    schema: AuthorsMessage,
    partitions: 6,
    cleanupPolicy: 'compact',
    description:
      'Latest influence and trust scores of each author per brand community, with the scoring state that rebuilds it (compacted).',
    examples: authorExamples,
  },
  alerts: {
    name: 'lateral.alerts.v1',
    key: 'brand',
    schema: Alert,
    // Alerts are few; one partition keeps them in detection order for every consumer.
    partitions: 1,
    cleanupPolicy: 'delete',
    retentionMs: 52 * WEEK_MS,
    description:
      'Alerts on sentiment and volume spikes with their explanation; the alert id is stable (brand + rule + window).',
    examples: alertExamples,
  },
  erasures: {
    name: 'lateral.erasures.v1',
    key: 'authorIdHash',
    schema: Erasure,
    partitions: 1,
    cleanupPolicy: 'compact',
    description:
      'Authors to forget (`lateral forget-author`), as hashes: every stage drops their data from then on (compacted).',
    examples: erasureExamples,
  },
} as const satisfies Record<string, TopicSpec>;

export type TopicKey = keyof typeof topics;

/**
 * The real topic name for a namespace. An empty namespace gives the names in docs/architecture.md §3;
 * tests and parallel demos use their own namespace so runs never see each other's data.
 */
export function topicName(key: TopicKey, namespace = ''): string {
  return namespace ? `${namespace}.${topics[key].name}` : topics[key].name;
}
