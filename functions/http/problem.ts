import { ZodError } from 'zod';
import { isDomainError } from '#domain/errors.ts';
import { ConcurrencyError, UniqueKeyTakenError } from '#functions/event-store/errors.ts';
import {
  ConflictError,
  HttpError,
  IdempotencyKeyReusedError,
  InvalidInputError,
  ServiceUnavailableError,
} from './errors.ts';
import { invalidParamsOf } from './zod-issues.ts';

/** An RFC 9457 problem document with our extension members. */
export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance?: string;
  readonly code: string;
  readonly invalidParams?: readonly { readonly name: string; readonly reason: string }[];
  readonly [extension: string]: unknown;
}

export interface Problem {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly document: ProblemDocument;
}

const DOMAIN_TITLES: Record<number, string> = {
  403: 'Niet toegestaan voor uw gemeente of rol',
  404: 'Niet gevonden',
  409: 'In strijd met wat is vastgelegd',
  422: 'Niet toegestaan door de regels van de wet of het register',
};

const problemType = (code: string): string => `urn:meldcode-toezicht:probleem:${code}`;

/** Error names of the AWS SDK and Node that mean "the dependency is down or too slow: try again". */
const UNAVAILABLE_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'AbortError',
]);
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);

/** True when the error (or one of its causes) says a dependency was unreachable, throttled or timed out. */
export function isDependencyUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const e = current as { name?: string; code?: string; $metadata?: { httpStatusCode?: number }; cause?: unknown };
    if (e.name && UNAVAILABLE_NAMES.has(e.name)) return true;
    if (e.code && UNAVAILABLE_CODES.has(e.code)) return true;
    if ((e.$metadata?.httpStatusCode ?? 0) >= 500) return true;
    current = e.cause;
  }
  return false;
}

/**
 * Maps any error to a problem document: the one place where errors become HTTP. Unknown errors
 * become a 500 that names nothing of the internals; a dependency outage becomes a 503.
 */
export function toProblem(error: unknown, instance?: string): Problem {
  const problem = (
    status: number,
    code: string,
    title: string,
    detail: string,
    extra: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Problem => ({
    status,
    headers,
    document: { type: problemType(code), title, status, detail, ...(instance ? { instance } : {}), code, ...extra },
  });

  if (error instanceof HttpError) {
    return problem(
      error.status,
      error.code,
      error.title,
      error.message,
      { ...(error.invalidParams ? { invalidParams: error.invalidParams } : {}), ...(error.extensions ?? {}) },
      { ...(error.headers ?? {}) },
    );
  }
  if (error instanceof ZodError) return toProblem(new InvalidInputError(invalidParamsOf(error)), instance);
  // Powertools parser's ParseError carries the ZodError as its cause and has no status of its own.
  if (error instanceof Error && error.name === 'ParseError') {
    const cause = (error as { cause?: unknown }).cause;
    const params = cause instanceof ZodError ? invalidParamsOf(cause) : [{ name: 'body', reason: 'ongeldig' }];
    return toProblem(new InvalidInputError(params), instance);
  }
  if (error instanceof ConcurrencyError) {
    return problem(
      409,
      'gelijktijdige-wijziging',
      'Gelijktijdige wijziging',
      `De organisatie is intussen gewijzigd (verwacht versie ${error.expectedVersion}, nu ${error.actualVersion}); probeer het opnieuw`,
      { stream: error.streamId, verwachteVersie: error.expectedVersion, huidigeVersie: error.actualVersion },
    );
  }
  if (error instanceof UniqueKeyTakenError) {
    return toProblem(
      new ConflictError('organisatie-bestaat-al', 'Er is al een organisatie met dit KvK-nummer en vestigingsnummer'),
      instance,
    );
  }
  if (error instanceof Error && error.name === 'IdempotencyAlreadyInProgressError') {
    return toProblem(
      new ConflictError('verzoek-in-behandeling', 'Een verzoek met deze Idempotency-Key is nog in behandeling'),
      instance,
    );
  }
  if (error instanceof Error && error.name === 'IdempotencyValidationError') {
    return toProblem(
      new IdempotencyKeyReusedError('Deze Idempotency-Key is eerder gebruikt met een andere body'),
      instance,
    );
  }
  if (isDomainError(error)) {
    // The domain's refusal: its stable code, its status hint, its facts (`details`) as members.
    return problem(error.httpStatus, error.code, DOMAIN_TITLES[error.httpStatus] ?? 'Niet toegestaan', error.message, {
      ...(error.details ? { details: error.details } : {}),
    });
  }
  if (isDependencyUnavailable(error)) {
    return toProblem(
      new ServiceUnavailableError('De opslag is tijdelijk niet bereikbaar; probeer het zo opnieuw'),
      instance,
    );
  }
  return problem(500, 'interne-fout', 'Interne fout', 'Er ging iets mis aan onze kant; de fout is gelogd');
}
