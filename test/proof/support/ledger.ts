import { organisationStreamId } from '#events/envelope.ts';
import { type Reply, type RequestOptions, request } from './client.ts';

/** What a command's client may conclude from what it saw. */
export type Outcome = 'accepted' | 'rejected' | 'unknown';

/** One command sent, with what came back: the suites' record of what was acknowledged. */
export interface CommandRecord {
  /** A short name of the operation (`registreren`, `meldcode`, ...). */
  readonly route: string;
  readonly method: string;
  readonly path: string;
  /** The organisation's stream, when the command names one in its path. */
  readonly streamId?: string;
  /** A unique text the command's event carries (name, label, supervisor), to find exactly its event. */
  readonly marker?: string;
  readonly reply: Reply;
  /** When it was sent (ms since the ledger began). */
  readonly sentAt: number;
  /**
   * With an `Idempotency-Key`: what makes a retry the same request (key, caller, method, path,
   * body). A second 2xx for the same request is the first answer replayed, not a second command.
   */
  readonly idempotentRequest?: string;
}

/**
 * 2xx: acknowledged, its events must be stored. 4xx and a refused connection: it did not run,
 * nothing may be stored. 5xx, a broken connection or a client timeout: it may or may not have run,
 * so at most its own events may be stored.
 */
export function outcomeOf(reply: Reply): Outcome {
  if (reply.status >= 200 && reply.status < 300) return 'accepted';
  if ((reply.status >= 400 && reply.status < 500) || reply.failure === 'refused' || reply.failure === 'not-sent')
    return 'rejected';
  return 'unknown';
}

/** The organisation a path is about: `/v1/organisaties/{id}/...` -> its stream id. */
export function streamOfPath(path: string): string | undefined {
  const id = /^\/v1\/organisaties\/([0-9A-HJKMNP-TV-Z]{26})(?:[/?]|$)/.exec(path)?.[1];
  return id ? organisationStreamId(id) : undefined;
}

/** The stream a command's acknowledged events are in: the path's organisation, or the one it created. */
export function streamOfRecord(record: CommandRecord): string | undefined {
  if (record.streamId) return record.streamId;
  if (
    record.method === 'POST' &&
    record.path.split('?')[0] === '/v1/organisaties' &&
    typeof record.reply.json?.id === 'string'
  ) {
    return organisationStreamId(record.reply.json.id);
  }
  return undefined;
}

/** The path as the server sees it: dot segments resolved, as fetch resolves them (`/v1/../v1/x`). */
function resolvedPath(path: string): string {
  try {
    const url = new URL(`http://localhost${path}`);
    return `${url.pathname}${url.search}`;
  } catch {
    return path;
  }
}

export const isCommandMethod = (method: string): boolean =>
  method === 'POST' || method === 'DELETE' || method === 'PUT';

/** Sends requests and remembers every command among them with what its client saw. */
export class Ledger {
  readonly records: CommandRecord[] = [];
  private readonly began = performance.now();

  constructor(readonly baseUrl: () => string) {}

  async send(
    method: string,
    path: string,
    options: RequestOptions & { route?: string; marker?: string } = {},
  ): Promise<Reply> {
    const sentAt = performance.now() - this.began;
    const reply = await request(this.baseUrl(), method, path, options);
    if (isCommandMethod(method)) {
      const resolved = resolvedPath(path);
      const streamId = streamOfPath(resolved);
      const headers = Object.fromEntries(Object.entries(options.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
      const key = headers['idempotency-key'];
      const idempotentRequest =
        key === undefined
          ? undefined
          : JSON.stringify([
              key,
              options.token ?? headers.authorization ?? '',
              method,
              resolved.split('?')[0],
              options.body ?? '',
            ]);
      this.records.push({
        route: options.route ?? `${method} ${path}`,
        method,
        path: resolved,
        ...(streamId ? { streamId } : {}),
        ...(options.marker ? { marker: options.marker } : {}),
        ...(idempotentRequest ? { idempotentRequest } : {}),
        reply,
        sentAt,
      });
    }
    return reply;
  }

  counts(): Record<Outcome, number> {
    const counts: Record<Outcome, number> = { accepted: 0, rejected: 0, unknown: 0 };
    for (const record of this.records) counts[outcomeOf(record.reply)]++;
    return counts;
  }
}
