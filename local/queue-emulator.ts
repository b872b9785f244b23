import { createHash, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { LOCAL_REGION } from './dynamodb-local.ts';
import { InFlight, readBody, sleep } from './idle.ts';
import { LOCAL_ACCOUNT } from './lambda.ts';

export interface QueueDefinition {
  readonly name: string;
  readonly maxReceiveCount: number;
  /** How long a failed message stays invisible before it is tried again (ms, local). */
  readonly retryDelayMs: number;
  /** The consumer, invoked like an SQS event source mapping (batch, ReportBatchItemFailures). */
  readonly consumer?: { readonly batchSize: number; readonly invoke: (event: SQSEvent) => Promise<unknown> };
}

interface Message {
  readonly messageId: string;
  readonly body: string;
  readonly receiptHandle: string;
  readonly sentAt: number;
  receiveCount: number;
  visibleAt: number;
  readonly attributes: Record<string, unknown>;
}

export interface QueueEmulator {
  readonly endpoint: string;
  queueUrl(name: string): string;
  /** Messages that failed `maxReceiveCount` times, per queue. */
  deadLetters(name: string): readonly { body: string; receiveCount: number }[];
  depth(name: string): number;
  whenIdle(): Promise<void>;
  stop(): Promise<void>;
}

const md5 = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');

/**
 * A small SQS on loopback for the manifest's queues: the real `SQSClient` sends to it (endpoint
 * override, AWS JSON 1.0 protocol: SendMessage, SendMessageBatch, ReceiveMessage, DeleteMessage,
 * GetQueueUrl, GetQueueAttributes, PurgeQueue), and a consumer function is invoked like an event
 * source mapping: batches, partial batch failures, retries after a delay, a DLQ after
 * `maxReceiveCount` receives.
 */
export async function startQueueEmulator(
  definitions: readonly QueueDefinition[],
  log: (m: string) => void = () => undefined,
): Promise<QueueEmulator> {
  const queues = new Map(
    definitions.map((d) => [d.name, { definition: d, messages: [] as Message[], dead: [] as Message[] }]),
  );
  const inFlight = new InFlight();
  let stopped = false;
  let endpoint = '';

  const queueOf = (url: string | undefined) => {
    const name = url?.split('/').pop() ?? '';
    return queues.get(name);
  };

  const enqueue = (
    queueName: string,
    body: string,
    delaySeconds = 0,
    attributes: Record<string, unknown> = {},
  ): Message => {
    const queue = queues.get(queueName);
    if (!queue) throw new Error(`No queue ${queueName}`);
    const message: Message = {
      messageId: randomUUID(),
      body,
      receiptHandle: randomUUID(),
      sentAt: Date.now(),
      receiveCount: 0,
      visibleAt: Date.now() + delaySeconds * 1000,
      attributes,
    };
    queue.messages.push(message);
    wake();
    return message;
  };

  let wakeUp: (() => void) | undefined;
  const wake = (): void => {
    wakeUp?.();
  };

  const pump = async (): Promise<void> => {
    while (!stopped) {
      let delivered = false;
      for (const queue of queues.values()) {
        const consumer = queue.definition.consumer;
        if (!consumer) continue;
        const now = Date.now();
        const batch = queue.messages.filter((m) => m.visibleAt <= now).slice(0, consumer.batchSize);
        if (batch.length === 0) continue;
        delivered = true;
        for (const m of batch) {
          m.receiveCount++;
          m.visibleAt = Number.POSITIVE_INFINITY;
        }
        inFlight.start();
        void (async () => {
          const records: SQSRecord[] = batch.map((m) => ({
            messageId: m.messageId,
            receiptHandle: m.receiptHandle,
            body: m.body,
            attributes: {
              ApproximateReceiveCount: String(m.receiveCount),
              SentTimestamp: String(m.sentAt),
              SenderId: LOCAL_ACCOUNT,
              ApproximateFirstReceiveTimestamp: String(Date.now()),
            },
            messageAttributes: {},
            md5OfBody: md5(m.body),
            eventSource: 'aws:sqs',
            eventSourceARN: `arn:aws:sqs:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${queue.definition.name}`,
            awsRegion: LOCAL_REGION,
          }));
          let failedIds: Set<string>;
          try {
            const result = (await consumer.invoke({ Records: records })) as SQSBatchResponse | undefined;
            failedIds = new Set((result?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
          } catch (error) {
            log(`queue ${queue.definition.name}: consumer failed: ${(error as Error).message}`);
            failedIds = new Set(batch.map((m) => m.messageId));
          }
          for (const m of batch) {
            if (!failedIds.has(m.messageId)) {
              queue.messages = queue.messages.filter((x) => x !== m);
            } else if (m.receiveCount >= queue.definition.maxReceiveCount) {
              queue.messages = queue.messages.filter((x) => x !== m);
              queue.dead.push(m);
              log(`queue ${queue.definition.name}: message ${m.messageId} to the DLQ after ${m.receiveCount} receives`);
            } else {
              m.visibleAt = Date.now() + queue.definition.retryDelayMs;
            }
          }
          inFlight.end();
          wake();
        })();
      }
      if (!delivered) {
        await new Promise<void>((resolve) => {
          wakeUp = resolve;
          setTimeout(resolve, 200);
        });
        wakeUp = undefined;
      }
    }
  };

  const server: Server = createServer(async (request, response) => {
    const { body } = await readBody(request, 1024 * 1024);
    const action = String(request.headers['x-amz-target'] ?? '').replace(/^AmazonSQS\./, '');
    const reply = (status: number, payload: unknown): void => {
      response.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.0', 'x-amzn-RequestId': randomUUID() });
      response.end(JSON.stringify(payload));
    };
    const error = (type: string, message: string, status = 400): void =>
      reply(status, { __type: `com.amazonaws.sqs#${type}`, message });
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
    } catch {
      error('InvalidParameterValue', 'Malformed JSON');
      return;
    }
    const queue = queueOf(input.QueueUrl as string | undefined);
    if (action === 'GetQueueUrl') {
      const name = String(input.QueueName ?? '');
      if (!queues.has(name)) return error('QueueDoesNotExist', `The specified queue ${name} does not exist.`);
      return reply(200, { QueueUrl: `${endpoint}/${LOCAL_ACCOUNT}/${name}` });
    }
    if (!queue) return error('QueueDoesNotExist', 'The specified queue does not exist.');
    const name = queue.definition.name;
    switch (action) {
      case 'SendMessage': {
        const message = enqueue(name, String(input.MessageBody ?? ''), Number(input.DelaySeconds ?? 0));
        return reply(200, { MessageId: message.messageId, MD5OfMessageBody: md5(message.body) });
      }
      case 'SendMessageBatch': {
        const entries =
          (input.Entries as { Id: string; MessageBody: string; DelaySeconds?: number }[] | undefined) ?? [];
        if (entries.length < 1 || entries.length > 10)
          return error('TooManyEntriesInBatchRequest', 'A batch holds 1 to 10 entries');
        const successful = entries.map((entry) => {
          const message = enqueue(name, entry.MessageBody, entry.DelaySeconds ?? 0);
          return { Id: entry.Id, MessageId: message.messageId, MD5OfMessageBody: md5(entry.MessageBody) };
        });
        return reply(200, { Successful: successful, Failed: [] });
      }
      case 'ReceiveMessage': {
        const max = Number(input.MaxNumberOfMessages ?? 1);
        const now = Date.now();
        const visible = queue.messages.filter((m) => m.visibleAt <= now).slice(0, max);
        for (const m of visible) {
          m.receiveCount++;
          m.visibleAt = now + Number(input.VisibilityTimeout ?? 30) * 1000;
        }
        return reply(200, {
          Messages: visible.map((m) => ({
            MessageId: m.messageId,
            ReceiptHandle: m.receiptHandle,
            Body: m.body,
            MD5OfBody: md5(m.body),
          })),
        });
      }
      case 'DeleteMessage': {
        queue.messages = queue.messages.filter((m) => m.receiptHandle !== input.ReceiptHandle);
        return reply(200, {});
      }
      case 'GetQueueAttributes':
        return reply(200, {
          Attributes: {
            ApproximateNumberOfMessages: String(queue.messages.filter((m) => m.visibleAt <= Date.now()).length),
            ApproximateNumberOfMessagesNotVisible: String(
              queue.messages.filter((m) => m.visibleAt > Date.now()).length,
            ),
          },
        });
      case 'PurgeQueue':
        queue.messages = [];
        return reply(200, {});
      default:
        return error('UnsupportedOperation', `The emulator does not implement ${action}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const running = pump();

  return {
    endpoint,
    queueUrl: (name) => `${endpoint}/${LOCAL_ACCOUNT}/${name}`,
    deadLetters: (name) => (queues.get(name)?.dead ?? []).map((m) => ({ body: m.body, receiveCount: m.receiveCount })),
    depth: (name) => queues.get(name)?.messages.length ?? 0,
    whenIdle: async () => {
      for (;;) {
        await inFlight.idle();
        const waiting = [...queues.values()].some((q) => q.definition.consumer && q.messages.length > 0);
        if (!waiting && inFlight.size === 0) return;
        await sleep(50);
      }
    },
    stop: async () => {
      stopped = true;
      wake();
      await running;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
