import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConcurrencyError } from '#functions/event-store/errors.ts';
import { toProblem } from '#functions/http/problem.ts';
import { invalidParamsOf } from '#functions/http/zod-issues.ts';

describe('toProblem: every error becomes one problem document', () => {
  it('turns an unknown error into a 500 that names nothing of the internals', () => {
    const problem = toProblem(new Error('SELECT * FROM secret at /srv/app.ts:42'));
    expect(problem.status).toBe(500);
    expect(JSON.stringify(problem.document)).not.toMatch(/secret|app\.ts|SELECT/);
    expect(problem.document).toMatchObject({ status: 500, title: expect.any(String), detail: expect.any(String) });
  });

  it('turns an unreachable or slow DynamoDB into a 503 with Retry-After', () => {
    for (const error of [
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('timeout'), { name: 'TimeoutError' }),
      Object.assign(new Error('throttled'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } }),
      Object.assign(new Error('persistence'), {
        name: 'IdempotencyPersistenceLayerError',
        cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }),
      }),
    ]) {
      const problem = toProblem(error);
      expect(problem.status).toBe(503);
      expect(problem.headers['Retry-After']).toBe('1');
    }
  });

  it('turns a concurrency conflict into a 409 naming the stream and versions', () => {
    const problem = toProblem(new ConcurrencyError('organisation#A', 3, 4));
    expect(problem.status).toBe(409);
    expect(problem.document).toMatchObject({ stream: 'organisation#A', verwachteVersie: 3, huidigeVersie: 4 });
  });

  it('lists every zod issue with its field path, one entry per unknown key', () => {
    const schema = z.strictObject({ a: z.string(), b: z.array(z.strictObject({ c: z.number() })) });
    const result = schema.safeParse({ a: 1, b: [{ c: 'x', d: 1 }], e: 2, f: 3 });
    const names = invalidParamsOf(result.error as z.ZodError)
      .map((p) => p.name)
      .sort();
    expect(names).toEqual(['a', 'b[0].c', 'b[0].d', 'e', 'f']);
  });
});
