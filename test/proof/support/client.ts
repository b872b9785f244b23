/**
 * An HTTP client for the suites: every answer with its status, time and body, and every failure
 * to get one classified, because "what did the client see" decides what may be in the event store.
 */
export interface Reply {
  /** The HTTP status; 0 when no answer came (see `failure`). */
  readonly status: number;
  readonly ms: number;
  readonly contentType: string;
  readonly headers: Headers | undefined;
  readonly text: string;
  readonly json: Record<string, unknown> | undefined;
  /**
   * Why there was no answer: `refused` (the connection was refused: the request never reached the
   * server), `timeout` (the client gave up) or `broken` (the connection broke after the request
   * went out: it may or may not have run) or `not-sent` (the client could not even build it, e.g. a
   * header value fetch refuses).
   */
  readonly failure?: 'refused' | 'timeout' | 'broken' | 'not-sent';
  readonly error?: string;
}

export interface RequestOptions {
  readonly token?: string;
  /** An object is sent as JSON; a string as is (with `content-type: application/json` unless headers say otherwise). */
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly timeoutMs?: number;
}

const codeOf = (error: unknown): string | undefined => {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: string }).code;
    if (code) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
};

export async function request(
  baseUrl: string,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<Reply> {
  const started = performance.now();
  const headers: Record<string, string> = {
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...(options.headers ?? {}),
  };
  const body =
    options.body === undefined
      ? undefined
      : typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body);
  try {
    new Headers(headers);
  } catch (error) {
    return {
      status: 0,
      ms: 0,
      contentType: '',
      headers: undefined,
      text: '',
      json: undefined,
      failure: 'not-sent',
      error: (error as Error).message,
    };
  }
  try {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body,
      // Node's fetch pools connections per origin without a limit: an open-loop load never queues here.
      signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
    });
    const text = await response.text();
    let json: Record<string, unknown> | undefined;
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    } catch {
      json = undefined;
    }
    return {
      status: response.status,
      ms: performance.now() - started,
      contentType: response.headers.get('content-type') ?? '',
      headers: response.headers,
      text,
      json,
    };
  } catch (error) {
    const code = codeOf(error);
    const name = (error as Error).name;
    const failure =
      name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : code === 'ECONNREFUSED' ? 'refused' : 'broken';
    return {
      status: 0,
      ms: performance.now() - started,
      contentType: '',
      headers: undefined,
      text: '',
      json: undefined,
      failure,
      error: `${name}${code ? ` ${code}` : ''}: ${(error as Error).message}`,
    };
  }
}

export const isProblemJson = (reply: Reply): boolean => reply.contentType.startsWith('application/problem+json');
