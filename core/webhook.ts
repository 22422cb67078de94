/** Where a webhook posts: the URL from its environment variable when set (a secret URL), else the configured one. */
export function webhookUrl(
  config: { url: string; urlEnv?: string | undefined },
  env: NodeJS.ProcessEnv = process.env,
): string {
  return (config.urlEnv && env[config.urlEnv]) || config.url;
}

export interface PostJsonOptions {
  headers?: Record<string, string>;
  /** Sent as `idempotency-key`: a receiver that keeps state drops a repeat (at-least-once delivery). */
  idempotencyKey: string;
  timeoutMs: number;
}

/** POSTs a JSON body; throws unless the receiver answered 2xx (callers retry). */
export async function postJson(url: string, body: unknown, options: PostJsonOptions): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'idempotency-key': options.idempotencyKey,
      ...options.headers,
    },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(options.timeoutMs),
  });
  await res.arrayBuffer().catch(() => undefined);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
}
