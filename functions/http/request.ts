import * as z from 'zod';
import { InvalidInputError, type InvalidParam, PayloadTooLargeError, UnsupportedMediaTypeError } from './errors.ts';
import type { HttpEvent } from './http-function.ts';
import { fieldPath, invalidParamsOf } from './zod-issues.ts';

/** The largest request body a command accepts; anything larger is refused before parsing. */
export const MAX_BODY_BYTES = 64 * 1024;

type Schema = z.ZodType;

export interface RequestSchemas<P extends Schema, Q extends Schema, B extends Schema> {
  readonly path?: P;
  readonly query?: Q;
  readonly body?: B;
}

export interface ParsedRequest<P extends Schema, Q extends Schema, B extends Schema> {
  readonly path: z.output<P>;
  readonly query: z.output<Q>;
  readonly body: z.output<B>;
}

/** Reads the raw body as JSON after checking its type and size; malformed JSON is a 400 on `body`. */
function readJson(event: HttpEvent): { ok: true; value: unknown } | { ok: false; param: InvalidParam } {
  const contentType = event.headers?.['content-type'];
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (event.body === undefined || event.body === null || event.body === '') {
    return { ok: false, param: { name: 'body', reason: 'ontbreekt: stuur een JSON-object' } };
  }
  if (mediaType !== 'application/json') throw new UnsupportedMediaTypeError(contentType);
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  const size = Buffer.byteLength(raw, 'utf8');
  if (size > MAX_BODY_BYTES) throw new PayloadTooLargeError(MAX_BODY_BYTES, size);
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : 'te diep genest';
    return { ok: false, param: { name: 'body', reason: `geen geldige JSON: ${reason}` } };
  }
}

const LONE_SURROGATE = /\p{Cs}/u;
/** DynamoDB numbers: magnitudes from 1e-130 to 9.99e125 (and 0). */
const storableNumber = (n: number): boolean => n === 0 || (Math.abs(n) >= 1e-130 && Math.abs(n) <= 9.99e125);

/**
 * Added for issue 7 (hostile input): what JSON allows but the event store cannot keep, which would
 * otherwise end in a 500: strings with a lone UTF-16 surrogate (not Unicode; the hash chain's
 * canonical JSON, RFC 8785, refuses them) and numbers DynamoDB cannot store (e.g. 1e-200, 1e309).
 * Walked without recursion and without copying paths, because a body may nest thousands deep.
 */
function unstorableValues(value: unknown): InvalidParam[] {
  interface Node {
    readonly value: unknown;
    readonly key?: string | number;
    readonly parent?: Node;
  }
  const pathOf = (node: Node): (string | number)[] => {
    const path: (string | number)[] = [];
    for (let n: Node | undefined = node; n?.key !== undefined; n = n.parent) path.unshift(n.key);
    return path;
  };
  const found: InvalidParam[] = [];
  const stack: Node[] = [{ value }];
  while (stack.length > 0 && found.length < 20) {
    const node = stack.pop() as Node;
    const current = node.value;
    if (typeof current === 'string') {
      if (LONE_SURROGATE.test(current))
        found.push({ name: fieldPath(pathOf(node)), reason: 'geen geldige Unicode: bevat een losse surrogaat' });
    } else if (typeof current === 'number') {
      if (!storableNumber(current))
        found.push({ name: fieldPath(pathOf(node)), reason: 'getal buiten het bereik dat kan worden opgeslagen' });
    } else if (Array.isArray(current)) {
      for (const [index, child] of current.entries()) stack.push({ value: child, key: index, parent: node });
    } else if (current !== null && typeof current === 'object') {
      for (const [key, child] of Object.entries(current)) {
        if (LONE_SURROGATE.test(key))
          found.push({ name: fieldPath(pathOf(node)), reason: 'een veldnaam met een losse surrogaat' });
        stack.push({ value: child, key, parent: node });
      }
    }
  }
  return found;
}

function collect<S extends Schema>(
  schema: S | undefined,
  input: unknown,
  root: string,
  params: InvalidParam[],
): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  params.push(...invalidParamsOf(result.error, root));
  return undefined;
}

/**
 * Parses path parameters, query parameters and the JSON body with the route's zod schemas and
 * reports every problem at once (one 400 naming each field), as the NL API Design Rules ask.
 * Path and query fields are named as they are (`organisatieId`), body fields by their path.
 */
export function parseRequest<
  P extends Schema = z.ZodUndefined,
  Q extends Schema = z.ZodUndefined,
  B extends Schema = z.ZodUndefined,
>(event: HttpEvent, schemas: RequestSchemas<P, Q, B>): ParsedRequest<P, Q, B> {
  const params: InvalidParam[] = [];
  const path = collect(schemas.path, event.pathParameters ?? {}, 'pad', params);
  const query = collect(schemas.query, event.queryStringParameters ?? {}, 'query', params);
  let body: unknown;
  if (schemas.body) {
    const json = readJson(event);
    if (json.ok) {
      params.push(...unstorableValues(json.value)); // issue 7
      body = collect(schemas.body, json.value, 'body', params);
    } else params.push(json.param);
  } else if (event.body) {
    params.push({ name: 'body', reason: 'deze operatie neemt geen body' });
  }
  if (params.length > 0) throw new InvalidInputError(params);
  return { path, query, body } as ParsedRequest<P, Q, B>;
}

const ifMatchPattern = /^(?:W\/)?"?(\d{1,9})"?$/;

/** The stream version a command expects (`If-Match: "7"`), or undefined when none is given. */
export function expectedVersionOf(event: HttpEvent): number | undefined {
  const header = event.headers?.['if-match']?.trim();
  if (header === undefined || header === '' || header === '*') return undefined;
  const match = ifMatchPattern.exec(header);
  if (!match?.[1]) {
    throw new InvalidInputError([{ name: 'If-Match', reason: 'verwacht een versie als ETag, bijvoorbeeld "3"' }]);
  }
  return Number(match[1]);
}

const idempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{1,128}$/);

/** The client's `Idempotency-Key`: 1-128 visible ASCII characters, or undefined. */
export function idempotencyKeyOf(event: HttpEvent): string | undefined {
  const header = event.headers?.['idempotency-key'];
  if (header === undefined) return undefined;
  if (!idempotencyKeySchema.safeParse(header).success) {
    throw new InvalidInputError([{ name: 'Idempotency-Key', reason: '1 tot 128 zichtbare ASCII-tekens' }]);
  }
  return header;
}
