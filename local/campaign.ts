import './environment.ts';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { SQSEvent } from 'aws-lambda';
import { gemeentecodeSchema, gemeentenList } from '#events/gemeenten.ts';
import type { CampaignMessage } from '#functions/campaign/messages.ts';
import type { CampaignRunSummary } from '#functions/campaign/run-campaign.ts';
import { progressBar } from './progress-bar.ts';

/**
 * `npm run campaign -- --jaar 2027 [--gemeente GMxxxx ...] [--parallel 4]`: runs the campaign of a
 * year against the running `npm start`, with a progress bar per gemeente. It plays the campaign
 * queue: for every gemeente it delivers one campaign message to the campaign-worker function, in
 * the very event an SQS event source mapping delivers (`/local/invoke/campaign-worker`, what
 * `aws lambda invoke` is on AWS), a few at a time, and waits for each answer, so the bar and the
 * totals are exact. The yearly schedule (the planner) and POST /v1/toezichtcampagnes go through
 * the real queue instead; all three end in the same worker and the same command path, and a rerun
 * schedules nothing twice.
 */
const { values } = parseArgs({
  options: {
    jaar: { type: 'string' },
    gemeente: { type: 'string', multiple: true },
    parallel: { type: 'string', default: '4' },
    url: { type: 'string', default: `http://127.0.0.1:${process.env.PORT ?? 3000}` },
  },
});

const fail = (message: string): never => {
  process.stderr.write(`${message}\n`);
  process.exit(2);
};

const year = Number(
  values.jaar ?? fail('gebruik: npm run campaign -- --jaar 2027 [--gemeente GM0363 ...] [--parallel 4]'),
);
if (!Number.isInteger(year) || year < 2000 || year > 2100) fail('--jaar is een jaartal, bijvoorbeeld 2027');
const gemeenten = values.gemeente ?? gemeentenList().map((g) => g.code);
for (const code of gemeenten)
  if (!gemeentecodeSchema.safeParse(code).success) fail(`--gemeente ${code} is geen gemeentecode`);
const parallel = Math.max(1, Number(values.parallel) || 4);

const health = await fetch(`${values.url}/local/health`).catch(() => undefined);
if (!health?.ok) fail(`Geen lokale omgeving op ${values.url}: start die eerst met npm start`);

const correlationId = `campagne-${year}-cli-${randomUUID()}`;

/** One gemeente's message, delivered as the queue would: an SQS event with one record. */
async function deliver(gemeente: string): Promise<CampaignRunSummary> {
  const message: CampaignMessage = { year, gemeente, correlationId };
  const messageId = randomUUID();
  const event: SQSEvent = {
    Records: [
      {
        messageId,
        receiptHandle: messageId,
        body: JSON.stringify(message),
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: String(Date.now()),
          SenderId: 'npm-run-campaign',
          ApproximateFirstReceiveTimestamp: String(Date.now()),
        },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:eu-west-1:000000000000:campaign',
        awsRegion: 'eu-west-1',
      },
    ],
  };
  const response = await fetch(`${values.url}/local/invoke/campaign-worker`, {
    method: 'POST',
    body: JSON.stringify(event),
  });
  const body = (await response.json()) as {
    summaries?: CampaignRunSummary[];
    batchItemFailures?: unknown[];
    message?: string;
  };
  const summary = body.summaries?.[0];
  if (!response.ok || !summary || (body.batchItemFailures?.length ?? 0) > 0) {
    throw new Error(`${gemeente}: ${body.message ?? 'de campagne-worker meldde een fout (zie de log van npm start)'}`);
  }
  return summary;
}

const totals = {
  examined: 0,
  scheduled: 0,
  alreadyScheduled: 0,
  covered: 0,
  notDue: 0,
  notSupervisedByGemeente: 0,
  refused: 0,
};
const failures: string[] = [];
const bar = progressBar(`campagne ${year}`, 'gemeenten');
bar.start(gemeenten.length, 0, { extra: ' | 0 gepland' });
let next = 0;
let done = 0;
await Promise.all(
  Array.from({ length: parallel }, async () => {
    while (next < gemeenten.length) {
      const gemeente = gemeenten[next++]!;
      try {
        const summary = await deliver(gemeente);
        totals.examined += summary.examined;
        totals.scheduled += summary.scheduled;
        totals.alreadyScheduled += summary.alreadyScheduled;
        totals.covered += summary.covered;
        totals.notDue += summary.notDue;
        totals.notSupervisedByGemeente += summary.notSupervisedByGemeente;
        totals.refused += summary.refused.length;
      } catch (error) {
        failures.push((error as Error).message);
      }
      bar.update(++done, { extra: ` | ${totals.scheduled} gepland` });
    }
  }),
);
bar.stop();

process.stdout.write(
  [
    `campagne ${year}: ${gemeenten.length - failures.length} van ${gemeenten.length} gemeenten afgerond`,
    `  organisaties bekeken (per gemeente):  ${totals.examined}`,
    `  nu gepland:                            ${totals.scheduled}`,
    `  al gepland (eerdere run):              ${totals.alreadyScheduled}`,
    `  gedekt door afspraak andere gemeente:  ${totals.covered}`,
    `  (nog) niet aan de beurt:               ${totals.notDue}`,
    `  toezicht door inspectie, niet gepland: ${totals.notSupervisedByGemeente}`,
    `  geweigerd door de regels:              ${totals.refused}`,
    `voortgang: GET ${values.url}/v1/toezichtcampagnes/${year}?gemeente=GMxxxx`,
    '',
  ].join('\n'),
);
if (failures.length > 0) {
  process.stderr.write(`${failures.length} gemeente(n) mislukt:\n  ${failures.join('\n  ')}\n`);
  process.exit(1);
}
