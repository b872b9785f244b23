/**
 * Errors the HTTP layer raises itself, each with a stable code and its HTTP status. Domain and
 * event-store errors keep their own classes; `problem.ts` maps every error to one problem document.
 */

/** One input at fault: the field's path in the Dutch request (`maatregelen[0].datum`) and why. */
export interface InvalidParam {
  readonly name: string;
  readonly reason: string;
}

export abstract class HttpError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  abstract readonly title: string;
  readonly invalidParams?: readonly InvalidParam[];
  /** Extra members of the problem document (e.g. the stream and versions of a conflict). */
  readonly extensions?: Readonly<Record<string, unknown>>;
  /** Extra response headers (e.g. `Retry-After`, `Allow`). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** 400: the request does not match the schema; names every field at fault. */
export class InvalidInputError extends HttpError {
  override readonly name = 'InvalidInputError';
  readonly status = 400;
  readonly code = 'ongeldige-invoer';
  readonly title = 'Ongeldige invoer';
  constructor(
    override readonly invalidParams: readonly InvalidParam[],
    detail = `${invalidParams.length === 1 ? 'Eén veld is' : `${invalidParams.length} velden zijn`} ongeldig: ${invalidParams
      .map((p) => p.name)
      .join(', ')}`,
  ) {
    super(detail);
  }
}

export class UnauthorizedError extends HttpError {
  override readonly name = 'UnauthorizedError';
  readonly status = 401;
  readonly code = 'niet-geauthenticeerd';
  readonly title = 'Niet geauthenticeerd';
}

export class ForbiddenError extends HttpError {
  override readonly name = 'ForbiddenError';
  readonly status = 403;
  readonly code = 'geen-toegang';
  readonly title = 'Geen toegang';
}

/** 404: also for what exists but is not the caller's to see, so existence does not leak. */
export class NotFoundError extends HttpError {
  override readonly name = 'NotFoundError';
  readonly status = 404;
  readonly code = 'niet-gevonden';
  readonly title = 'Niet gevonden';
}

export class PreconditionFailedError extends HttpError {
  override readonly name = 'PreconditionFailedError';
  readonly status = 412;
  readonly code = 'versie-gewijzigd';
  readonly title = 'De versie is gewijzigd';
  constructor(
    detail: string,
    override readonly extensions: Readonly<Record<string, unknown>>,
  ) {
    super(detail);
  }
}

export class PayloadTooLargeError extends HttpError {
  override readonly name = 'PayloadTooLargeError';
  readonly status = 413;
  readonly code = 'invoer-te-groot';
  readonly title = 'De invoer is te groot';
  override readonly invalidParams: readonly InvalidParam[];
  constructor(limitBytes: number, actualBytes: number) {
    super(`De body is ${actualBytes} bytes; het maximum is ${limitBytes} bytes`);
    this.invalidParams = [{ name: 'body', reason: `groter dan ${limitBytes} bytes` }];
  }
}

export class UnsupportedMediaTypeError extends HttpError {
  override readonly name = 'UnsupportedMediaTypeError';
  readonly status = 415;
  readonly code = 'mediatype-niet-ondersteund';
  readonly title = 'Mediatype niet ondersteund';
  override readonly invalidParams: readonly InvalidParam[];
  constructor(received: string | undefined) {
    super(`Stuur de body als application/json; ontvangen: ${received ?? 'geen Content-Type'}`);
    this.invalidParams = [{ name: 'Content-Type', reason: 'moet application/json zijn' }];
  }
}

/** 409 for a request that conflicts with the current state (e.g. a retried request still running). */
export class ConflictError extends HttpError {
  override readonly name = 'ConflictError';
  readonly status = 409;
  readonly title = 'Conflict';
  constructor(
    readonly code: string,
    detail: string,
    override readonly extensions?: Readonly<Record<string, unknown>>,
  ) {
    super(detail);
  }
}

/** 422: the same Idempotency-Key was used before with another body. */
export class IdempotencyKeyReusedError extends HttpError {
  override readonly name = 'IdempotencyKeyReusedError';
  readonly status = 422;
  readonly code = 'idempotency-key-hergebruikt';
  readonly title = 'Idempotency-Key hergebruikt';
  override readonly invalidParams = [{ name: 'Idempotency-Key', reason: 'eerder gebruikt met een andere body' }];
}

/** 503: a dependency (DynamoDB, the bus) is unreachable or too slow; safe to retry. */
export class ServiceUnavailableError extends HttpError {
  override readonly name = 'ServiceUnavailableError';
  readonly status = 503;
  readonly code = 'tijdelijk-niet-beschikbaar';
  readonly title = 'Tijdelijk niet beschikbaar';
  override readonly headers = { 'Retry-After': '1' };
}
