import { SendMessageBatchCommand, type SendMessageBatchRequestEntry, type SQSClient } from '@aws-sdk/client-sqs';
import * as z from 'zod';
import { gemeentecodeSchema } from '#events/gemeenten.ts';

/** One gemeente's campaign for one year: what the planner and POST /v1/toezichtcampagnes enqueue. */
export const campaignMessageSchema = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  gemeente: gemeentecodeSchema,
  /** Ties every SupervisionScheduled of this run to what started it (schedule, request). */
  correlationId: z.string().min(1).max(200),
  /** The supervisor who started it by hand; absent for the yearly schedule. */
  requestedBy: z.string().min(1).max(200).optional(),
});
export type CampaignMessage = z.infer<typeof campaignMessageSchema>;

/** SQS takes at most 10 entries per SendMessageBatch. */
const BATCH = 10;
const ATTEMPTS = 3;

/**
 * Sends campaign messages in batches of ten; entries SQS reports as failed are sent again (twice),
 * then the whole call fails, so a schedule or request that cannot enqueue is retried as a whole
 * (harmless: a gemeente's campaign run twice schedules nothing twice).
 */
export async function sendCampaignMessages(
  sqs: SQSClient,
  queueUrl: string,
  messages: readonly CampaignMessage[],
): Promise<void> {
  for (let start = 0; start < messages.length; start += BATCH) {
    let entries: SendMessageBatchRequestEntry[] = messages
      .slice(start, start + BATCH)
      .map((message, index) => ({ Id: String(index), MessageBody: JSON.stringify(message) }));
    for (let attempt = 1; entries.length > 0; attempt++) {
      const result = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
      const failed = new Set((result.Failed ?? []).map((f) => f.Id));
      entries = entries.filter((entry) => failed.has(entry.Id));
      if (entries.length > 0 && attempt >= ATTEMPTS) {
        const reasons = (result.Failed ?? []).map((f) => `${f.Code}: ${f.Message}`).join('; ');
        throw new Error(`${entries.length} campaign message(s) could not be sent: ${reasons}`);
      }
    }
  }
}
