import { describe, expect, it } from 'vitest';
import { meldcodeIndieningSchema } from '#functions/http/api-schemas.ts';
import { InvalidInputError } from '#functions/http/errors.ts';
import type { HttpEvent } from '#functions/http/http-function.ts';
import { parseRequest } from '#functions/http/request.ts';

/**
 * Regression tests for what the hostile-input proof found: input that passes the schema but that
 * the event store cannot keep (a lone surrogate breaks the hash chain's canonical JSON; DynamoDB
 * refuses numbers below 1e-130) must be a 400 naming the field, not a 500.
 */
const eventWith = (body: string): HttpEvent =>
  ({ headers: { 'content-type': 'application/json' }, body, isBase64Encoded: false }) as unknown as HttpEvent;

const meldcode = (overrides: string): string =>
  `{"versie":"2024-1","vastgesteldOp":"2024-01-10","elementen":["stappenplan"],"aandachtsfunctionaris":true,"maatregelen":[{"soort":"scholing","datum":"2024-02-01","bereikPercentage":50}]${overrides}}`;

const invalidParams = (body: string): { name: string; reason: string }[] => {
  try {
    parseRequest(eventWith(body), { body: meldcodeIndieningSchema });
  } catch (error) {
    if (error instanceof InvalidInputError) return [...error.invalidParams];
    throw error;
  }
  return [];
};

describe('input the event store cannot keep', () => {
  it('a lone surrogate in a text field is a 400 on that field', () => {
    const body = meldcode('').replace('"2024-1"', '"2024-\\ud800"');
    expect(invalidParams(body).map((p) => p.name)).toEqual(['versie']);
  });

  it('a number too small for DynamoDB is a 400 on that field', () => {
    const body = meldcode('').replace('"bereikPercentage":50', '"bereikPercentage":1e-200');
    expect(invalidParams(body).map((p) => p.name)).toEqual(['maatregelen[0].bereikPercentage']);
  });

  it('a valid surrogate pair (an emoji) and ordinary numbers pass', () => {
    const body = meldcode('').replace('"2024-1"', '"2024 \\ud83d\\ude00"');
    expect(invalidParams(body)).toEqual([]);
  });

  it('a body nested 20,000 deep is refused without a stack overflow', () => {
    const body = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    expect(invalidParams(body).map((p) => p.name)).toEqual(['body']);
  });
});
