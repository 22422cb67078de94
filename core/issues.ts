import type { z } from 'zod';

/** Issues rendered at most: a payload with 50,000 bad array elements must not make a megabyte-long error. */
const MAX_ISSUES = 20;

/** Renders zod issues as `field.path: message` lines so a bad config names the field. */
export function formatIssues(error: z.ZodError, prefix = ''): string {
  const more = error.issues.length - MAX_ISSUES;
  return error.issues
    .slice(0, MAX_ISSUES)
    .map((issue) => {
      const path = issue.path
        .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
        .join('');
      return `${prefix}${path || '(root)'}: ${issue.message}`;
    })
    .concat(more > 0 ? [`${prefix}… and ${more} more`] : [])
    .join('\n');
}
