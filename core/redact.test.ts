import { afterEach, describe, expect, it } from 'vitest';
import { HttpError } from '../platforms/shared/http/client.ts';
import {
  clearRegisteredSecrets,
  maskRegisteredSecrets,
  REDACTED,
  redactHeaders,
  redactText,
  redactUrl,
  redactValue,
  registerSecret,
} from './redact.ts';

afterEach(() => clearRegisteredSecrets());

describe('redaction', () => {
  it('masks credentials in query strings and user info, keeps the rest of the URL', () => {
    expect(redactUrl('https://api.stackexchange.com/2.3/questions?site=coffee&key=s3cr3tK3y&page=2')).toBe(
      `https://api.stackexchange.com/2.3/questions?site=coffee&key=${REDACTED}&page=2`,
    );
    expect(redactUrl('http://lateral:hunter22@ch.example:8123/?database=x')).toBe(
      `http://lateral:${REDACTED}@ch.example:8123/?database=x`,
    );
    expect(redactUrl('https://x.example/a?access_token=abc&q=kettle')).toBe(
      `https://x.example/a?access_token=${REDACTED}&q=kettle`,
    );
    expect(redactUrl('https://x.example/a?q=kettle')).toBe('https://x.example/a?q=kettle');
  });

  it('masks URLs, authorisation headers and registered secrets inside free text', () => {
    registerSecret('tok-9f8e7d6c');
    const text =
      'HTTP 500 from https://api.stackexchange.com/2.3/questions?site=coffee&key=s3cr3tK3y: ' +
      'sent Authorization: Bearer abcdef123456, body echoed tok-9f8e7d6c';
    const out = redactText(text);
    expect(out).not.toContain('s3cr3tK3y');
    expect(out).not.toContain('abcdef123456');
    expect(out).not.toContain('tok-9f8e7d6c');
    expect(out).toContain('site=coffee');
    expect(maskRegisteredSecrets('{"msg":"tok-9f8e7d6c"}')).toBe(`{"msg":"${REDACTED}"}`);
  });

  it('masks secret headers and secret fields of log records, errors included', () => {
    expect(redactHeaders({ authorization: 'Bearer x', 'Api-Key': 'k', accept: 'json' })).toEqual({
      authorization: REDACTED,
      'Api-Key': REDACTED,
      accept: 'json',
    });
    const record = redactValue({
      key: 'reddit:t3_abc',
      password: 'pw',
      url: 'https://h.example/?key=k3y1',
      err: new HttpError(500, 'https://h.example/?key=k3y1', 'oops'),
    }) as Record<string, Record<string, unknown>>;
    expect(record.key).toBe('reddit:t3_abc');
    expect(record.password).toBe(REDACTED);
    expect(JSON.stringify(record)).not.toContain('k3y1');
    expect(record.err).toBeInstanceOf(HttpError);
    expect((record.err as unknown as HttpError).status).toBe(500);
  });

  it('an HTTP error carries no credential in its message, URL or body', () => {
    registerSecret('echoed-secret-1');
    const err = new HttpError(
      400,
      'https://api.stackexchange.com/2.3/questions?key=s3cr3tK3y&site=coffee',
      '{"error_message":"key echoed-secret-1 is invalid"}',
    );
    expect(`${err.message} ${err.url} ${err.body}`).not.toMatch(/s3cr3tK3y|echoed-secret-1/);
  });

  it('is linear: 200 KB of any shape is redacted in well under a second', () => {
    for (const unit of ['a', '&key=x', 'http://a:', 'https://', 'Bearer ', 'key=', ':']) {
      const text = unit.repeat(Math.ceil(200_000 / unit.length));
      const t0 = performance.now();
      redactText(text);
      expect({ unit, ms: performance.now() - t0 < 1000 }).toEqual({ unit, ms: true });
    }
  });
});
