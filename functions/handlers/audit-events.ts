import { assertAuditor, callerOf } from '#functions/access/access.ts';
import { auditGebeurtenissenQuerySchema } from '#functions/audit/api.ts';
import { readLogPage } from '#functions/audit/event-table.ts';
import { documentClient } from '#functions/aws/dynamodb.ts';
import { functionConfig } from '#functions/config.ts';
import { InvalidInputError } from '#functions/http/errors.ts';
import { httpFunction } from '#functions/http/http-function.ts';
import { parseRequest } from '#functions/http/request.ts';

/** A page stays well inside Lambda's 6 MB response and API Gateway's 30 s. */
const MAX_EVENTS = 5000;
const MAX_BYTES = 4 * 1024 * 1024;
const TIME_BUDGET_MS = 20_000;

const nextDay = (day: string): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * GET /v1/audit/gebeurtenissen?vanaf=YYYY-MM-DD[&tot=YYYY-MM-DD]: the event log as NDJSON, each line
 * one stored event exactly as stored, hashes included (canonical JSON, so a line is the same
 * bytes however often it is read), in recorded order, page by page: while there is more, the
 * answer carries `Link: <...&cursor=...>; rel="next"`. Auditors only.
 */
export const handler = httpFunction(async (event) => {
  const caller = callerOf(event);
  const { query } = parseRequest(event, { query: auditGebeurtenissenQuerySchema });
  assertAuditor(caller);
  const until = query.tot ?? nextDay(new Date().toISOString().slice(0, 10));
  let page: Awaited<ReturnType<typeof readLogPage>>;
  try {
    page = await readLogPage(documentClient(), functionConfig().eventsTable, {
      from: query.vanaf,
      until,
      ...(query.cursor ? { cursor: query.cursor } : {}),
      maxEvents: MAX_EVENTS,
      maxBytes: MAX_BYTES,
      deadline: Date.now() + TIME_BUDGET_MS,
    });
  } catch (error) {
    if (error instanceof SyntaxError || error instanceof RangeError) {
      throw new InvalidInputError([
        { name: 'cursor', reason: 'geen geldige cursor: neem de link uit de Link-header over' },
      ]);
    }
    throw error;
  }
  const headers: Record<string, string> = {
    'Content-Type': 'application/x-ndjson; charset=utf-8',
    'X-Aantal-Gebeurtenissen': String(page.lines.length),
  };
  if (page.next) {
    const params = new URLSearchParams({ vanaf: query.vanaf, tot: until, cursor: page.next });
    headers.Link = `</v1/audit/gebeurtenissen?${params.toString()}>; rel="next"`;
  }
  return { statusCode: 200, headers, body: page.lines.length > 0 ? `${page.lines.join('\n')}\n` : '' };
});
