import { clearSession, currentSession } from './auth.ts';
import { type AppConfig, apiBaseUrl } from './config.ts';

/** One field at fault, as the API names it (`kvkNummer`, `maatregelen[0].datum`, `gemeenten[1]`). */
export interface InvalidParam {
  readonly name: string;
  readonly reason: string;
}

/** An RFC 9457 problem document as the API sends it, or one made up for a network failure. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly code: string | undefined,
    readonly invalidParams: readonly InvalidParam[],
    readonly document: Record<string, unknown>,
  ) {
    super(detail || title);
  }

  /** 409 (concurrent change, or a duplicate) and 412 (If-Match no longer true). */
  get isConflict(): boolean {
    return this.status === 409 || this.status === 412;
  }
}

export interface ApiResponse<T> {
  readonly status: number;
  readonly data: T;
  /** The stream version from the `ETag` header, when sent. */
  readonly version: number | undefined;
  readonly location: string | null;
}

export interface RequestOptions {
  readonly query?: Record<string, string | number | boolean | undefined | null>;
  readonly body?: unknown;
  /** The stream version the command was decided on (If-Match). */
  readonly ifMatch?: number;
  readonly idempotencyKey?: string;
  readonly signal?: AbortSignal;
}

let config: AppConfig | undefined;
let onUnauthorized: () => void = () => {};

export function configureApi(appConfig: AppConfig, unauthorized: () => void): void {
  config = appConfig;
  onUnauthorized = unauthorized;
}

/** `"7"` or `W/"7"` -> 7. */
export function versionOfEtag(etag: string | null): number | undefined {
  const match = etag ? /^(?:W\/)?"?(\d+)"?$/.exec(etag.trim()) : null;
  return match?.[1] ? Number(match[1]) : undefined;
}

export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function problemOf(response: Response): Promise<ApiError> {
  const text = await response.text();
  let doc: Record<string, unknown> = {};
  try {
    doc = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    doc = {};
  }
  const invalid = Array.isArray(doc.invalidParams) ? doc.invalidParams : [];
  const invalidParams = invalid.flatMap((p): InvalidParam[] =>
    typeof p === 'object' && p !== null && typeof (p as InvalidParam).name === 'string'
      ? [{ name: (p as InvalidParam).name, reason: String((p as InvalidParam).reason ?? 'ongeldig') }]
      : [],
  );
  return new ApiError(
    response.status,
    typeof doc.title === 'string' ? doc.title : `HTTP ${response.status}`,
    typeof doc.detail === 'string' ? doc.detail : '',
    typeof doc.code === 'string' ? doc.code : undefined,
    invalidParams,
    doc,
  );
}

/** Calls the HTTP API with the session's token; any 4xx/5xx becomes an `ApiError`. */
export async function api<T>(
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  options: RequestOptions = {},
): Promise<ApiResponse<T>> {
  if (!config) throw new Error('De API is nog niet ingesteld');
  const url = new URL(`${apiBaseUrl(config)}${path}`, location.href);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
  }
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  const session = currentSession();
  if (session) headers.Authorization = `Bearer ${session.token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`;
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;

  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
      cache: 'no-store',
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(
      0,
      'Geen verbinding',
      'De server is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.',
      'netwerk',
      [],
      {},
    );
  }
  if (response.status === 401) {
    clearSession();
    onUnauthorized();
  }
  if (!response.ok) throw await problemOf(response);
  const text = response.status === 204 ? '' : await response.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  return {
    status: response.status,
    data: data as T,
    version: versionOfEtag(response.headers.get('ETag')),
    location: response.headers.get('Location'),
  };
}
