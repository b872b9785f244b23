import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type AuditResult, AuditRun } from './audit-run.ts';
import { scanEvents } from './event-table.ts';
import type { ReconstructionScope } from './reconstruction.ts';

/**
 * Verifies every stream of the Events table and, with a scope, reconstructs the views on its date
 * (GET /v1/audit/integriteit and /v1/audit/reconstructie). Reads the whole table: within a
 * function's time limit this suits a gemeente-sized or regional installation; nationally, export
 * the log and use `npm run audit -- verify|replay` on the file.
 */
export async function auditEventTable(
  client: DynamoDBDocumentClient,
  eventsTable: string,
  scope?: ReconstructionScope,
): Promise<AuditResult> {
  const run = new AuditRun(scope);
  for await (const page of scanEvents(client, eventsTable)) for (const event of page) run.add(event);
  return run.finish();
}
