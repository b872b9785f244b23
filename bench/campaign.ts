import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Actor, OrganisationCommand } from '#domain/organisation/commands.ts';
import { decide } from '#domain/organisation/decider.ts';
import { evolve, initialState } from '#domain/organisation/state.ts';
import { foldHistory } from '#domain/projections/organisation-history.ts';
import { toProjectedEvent } from '#domain/projections/projected-event.ts';
import { organisationStreamId } from '#events/envelope.ts';
import { gemeentenList } from '#events/gemeenten.ts';
import { MELDCODE_ELEMENT_IDS, SECTORS, type Sector, type Verdict } from '#events/values.ts';
import { type CampaignRunSummary, runCampaign } from '#functions/campaign/run-campaign.ts';
import { DynamoDbEventStore } from '#functions/event-store/dynamodb-event-store.ts';
import { ViewStore, viewItemsOf } from '#functions/views/view-store.ts';
import { createMissingTables, tableNames } from '#local/create-tables.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal } from '#local/dynamodb-local.ts';
import { mix, prng, ulidAt } from '#test/audit/history-generator.ts';
import { round, writeResult } from './results.ts';

/**
 * Issue 8's campaign benchmark: the 2027 campaign over 50,000 organisations in the 342 gemeenten on
 * an in-memory DynamoDB Local, every gemeente's message handled by the campaign worker's own code
 * (the gemeente's view partition, each stream read strongly consistent, the selection rules, and
 * ScheduleSupervision through the command path for the due ones), GEMEENTEN_AT_ONCE messages at a
 * time like concurrent Lambdas. Baseline, same run: the bare I/O that work needs at least (one
 * Query per organisation stream, one conditional PutItem per scheduled organisation) at the same
 * concurrency. Then the rerun, which must schedule nothing.
 *
 * The Views table is seeded with the gemeente rows the worker lists its organisations from, as
 * the projector writes them; the projector's history items (several KB each) are left out, since
 * the worker reads the streams, not the histories. With them, and with the baseline's puts going
 * to a second table with a stream, the in-memory DynamoDB Local slowed to about 100 ms a request
 * in earlier runs, which would have measured DynamoDB Local rather than the campaign.
 */
const DEFAULT_ORGANISATIONS = 50_000;
const YEAR = 2027;
const SEEDED_AT = new Date('2026-11-20T10:00:00.000Z');
const CAMPAIGN_AT = new Date('2026-12-01T05:00:00.000Z');
const GEMEENTEN_AT_ONCE = 8;
const ORGANISATIONS_AT_ONCE_PER_GEMEENTE = 4;
const SEED_CONCURRENCY = 32;
const BARE_TABLE = 'bench-campaign-bare';

const SECTOR_WEIGHTS: Record<Sector, number> = {
  wmo: 38,
  'kinderopvang-kindercentrum': 20,
  'kinderopvang-gastouderbureau': 4,
  gastouderopvang: 8,
  'gemeentelijke-dienst': 4,
  jeugdhulp: 10,
  onderwijs: 6,
  zorg: 5,
  vrijwilligersorganisatie: 5,
};
/** The elements the benchmark's meldcodes are drawn from: all but the verwijsindex and the kindcheck. */
const ALL_ELEMENTS = MELDCODE_ELEMENT_IDS.filter((id) => id !== 'verwijsindex' && id !== 'kindcheck');

async function pool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/** One organisation's commands: registration, for most a meldcode, for some a supervision. */
function commandsFor(index: number): { organisationId: string; gemeenten: string[]; commands: OrganisationCommand[] } {
  const random = prng(mix(2027, index, 5));
  const gemeenten = gemeentenList();
  const primary = gemeenten[Math.floor(random() * gemeenten.length)]!;
  const region = gemeenten.filter((g) => g.safetyRegionCode === primary.safetyRegionCode && g.code !== primary.code);
  const active = [
    primary.code,
    ...(random() < 0.15 ? region.slice(0, 1 + Math.floor(random() * 3)).map((g) => g.code) : []),
  ];
  const draw = random() * 100;
  let cumulative = 0;
  const sector =
    SECTORS.find((s) => {
      cumulative += SECTOR_WEIGHTS[s];
      return draw < cumulative;
    }) ?? 'wmo';
  const organisationId = ulidAt(Date.parse('2024-01-01') + index * 1000, random);
  const commands: OrganisationCommand[] = [
    {
      type: 'RegisterOrganisation',
      data: {
        organisationId,
        name: `Organisatie ${index} ${primary.name}`,
        kvkNumber: String(40_000_000 + index),
        sector,
        gemeenten: active,
        existsSince: '2005-01-01',
      },
    },
  ];
  if (random() < 0.75) {
    const year = 2016 + Math.floor(random() * 10);
    commands.push({
      type: 'SubmitMeldcode',
      data: {
        meldcodeId: ulidAt(Date.parse(`${year}-03-01`), random),
        label: `${year}-1`,
        adoptedOn: `${year}-03-01`,
        elements: ALL_ELEMENTS.filter(() => random() < 0.95),
        attentionOfficer: random() < 0.8,
        promotionMeasures: random() < 0.6 ? [{ kind: 'scholing', date: '2026-02-01', reachPercentage: 70 }] : [],
      },
    });
  }
  const supervised = !['jeugdhulp', 'onderwijs', 'zorg', 'vrijwilligersorganisatie'].includes(sector);
  if (supervised && random() < 0.5) {
    const year = 2022 + Math.floor(random() * 5);
    const verdict: Verdict = random() < 0.7 ? 'compliant' : 'non-compliant';
    commands.push({
      type: 'CompleteSupervision',
      data: {
        supervisionId: ulidAt(Date.parse(`${year}-05-01`), random),
        gemeente: primary.code,
        performedOn: `${year}-05-01`,
        verdict,
        findings: {},
        ...(verdict === 'compliant' ? {} : { followUpDeadline: `${year}-09-01` }),
      },
    });
  }
  return { organisationId, gemeenten: active, commands };
}

export async function run(args: string[] = []): Promise<void> {
  // `npm run bench -- campaign --organisations 5000` for a quicker look; the figures are for 50,000.
  const asked = args.indexOf('--organisations');
  const ORGANISATIONS = asked >= 0 ? Number(args[asked + 1]) : DEFAULT_ORGANISATIONS;
  const dynamodb = await startDynamoDbLocal();
  const client = new DynamoDBClient({
    endpoint: dynamodb.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const documentClient = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  try {
    const tables = tableNames('bench-campaign');
    await createMissingTables(client, tables);
    await client.send(
      new CreateTableCommand({
        TableName: BARE_TABLE,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'streamId', AttributeType: 'S' },
          { AttributeName: 'version', AttributeType: 'N' },
        ],
        KeySchema: [
          { AttributeName: 'streamId', KeyType: 'HASH' },
          { AttributeName: 'version', KeyType: 'RANGE' },
        ],
      }),
    );
    const store = new DynamoDbEventStore({ client: documentClient, tableName: tables.Events, clock: () => SEEDED_AT });
    const views = new ViewStore(documentClient, tables.Views);

    // Seed: the organisations' streams (decided by the decider) and their views, as the projector writes them.
    const seedStarted = performance.now();
    const organisationIds: string[] = [];
    await pool(
      Array.from({ length: ORGANISATIONS }, (_, i) => i),
      SEED_CONCURRENCY,
      async (index) => {
        const { organisationId, gemeenten, commands } = commandsFor(index);
        const actor: Actor = { subject: 'bench', gemeente: gemeenten[0], role: 'supervisor' };
        let state = initialState;
        const events = commands.flatMap((command) => {
          const decided = decide(command, state, { now: SEEDED_AT.toISOString(), actor });
          for (const event of decided) state = evolve(state, event);
          return decided;
        });
        const meta = {
          actor: actor.subject,
          gemeente: gemeenten[0],
          role: 'supervisor' as const,
          correlationId: `seed-${index}`,
        };
        const { events: stored } = await store.append(
          organisationStreamId(organisationId),
          0,
          events.map((event) => ({ ...event, meta, occurredAt: SEEDED_AT.toISOString() })),
        );
        // The gemeente rows the worker lists its organisations from, as the projector writes them
        // (the organisations' history items are left out: the worker reads the streams themselves).
        const rows = viewItemsOf(foldHistory(stored.map(toProjectedEvent)), '2026-11-20').filter((item) =>
          item.pk.startsWith('gemeente#'),
        );
        for (const item of rows) await documentClient.send(new PutCommand({ TableName: tables.Views, Item: item }));
        organisationIds.push(organisationId);
        if (organisationIds.length % 10_000 === 0) console.log(`  seeded ${organisationIds.length} organisations`);
      },
    );
    console.log(
      `campaign: seeded ${ORGANISATIONS} organisations in ${round((performance.now() - seedStarted) / 1000)} s`,
    );

    const gemeenten = gemeentenList().map((g) => g.code);
    const organisationsIn = async (gemeente: string) =>
      (await views.gemeenteRows(gemeente)).map((row) => row.organisationId);
    const campaign = async (): Promise<{ seconds: number; summaries: CampaignRunSummary[] }> => {
      const summaries: CampaignRunSummary[] = [];
      const started = performance.now();
      await pool(gemeenten, GEMEENTEN_AT_ONCE, async (gemeente) => {
        summaries.push(
          await runCampaign(
            { year: YEAR, gemeente, correlationId: `bench-${YEAR}` },
            { store, organisationsIn, clock: () => CAMPAIGN_AT, concurrency: ORGANISATIONS_AT_ONCE_PER_GEMEENTE },
          ),
        );
        if (summaries.length % 100 === 0) {
          console.log(`  ${summaries.length} gemeenten, ${round((performance.now() - started) / 1000)} s`);
        }
      });
      return { seconds: (performance.now() - started) / 1000, summaries };
    };
    const total = (summaries: CampaignRunSummary[], key: 'examined' | 'scheduled' | 'alreadyScheduled' | 'covered') =>
      summaries.reduce((sum, s) => sum + s[key], 0);

    // Baseline: the same reads (the gemeente's partition, each stream) and one conditional put per
    // organisation the campaign scheduled (found in its stream) into a plain table, without
    // selection, decider or command path.
    const bare = async (): Promise<{ seconds: number; puts: number }> => {
      let puts = 0;
      const started = performance.now();
      await pool(gemeenten, GEMEENTEN_AT_ONCE, async (gemeente) => {
        const ids = await organisationsIn(gemeente);
        await pool(ids, ORGANISATIONS_AT_ONCE_PER_GEMEENTE, async (id) => {
          const stored = await store.readStream(organisationStreamId(id));
          const scheduledHere = stored.some(
            (e) => e.type === 'SupervisionScheduled' && e.data.gemeente === gemeente && e.data.campaignYear === YEAR,
          );
          if (!scheduledHere) return;
          puts++;
          await documentClient.send(
            new PutCommand({
              TableName: BARE_TABLE,
              Item: { streamId: `${gemeente}#${id}`, version: stored.length + 1, campaignYear: YEAR },
              ConditionExpression: 'attribute_not_exists(version)',
            }),
          );
        });
      });
      return { seconds: (performance.now() - started) / 1000, puts };
    };

    const first = await campaign();
    console.log(`  campaign: ${round(first.seconds)} s`);
    const baseline = await bare();
    console.log(`  bare reads and puts: ${round(baseline.seconds)} s`);
    const rerun = await campaign();
    const scheduled = total(first.summaries, 'scheduled');
    const examined = total(first.summaries, 'examined');
    const scheduledPerSecond = scheduled / first.seconds;
    const examinedPerSecond = examined / first.seconds;
    const bareExaminedPerSecond = examined / baseline.seconds;
    const ratio = examinedPerSecond / bareExaminedPerSecond;
    console.log(
      `campaign ${YEAR}: ${ORGANISATIONS} organisations, ${gemeenten.length} gemeenten, ${GEMEENTEN_AT_ONCE} gemeenten at a time`,
    );
    console.log(
      `  campaign worker: ${round(first.seconds)} s, ${examined} organisation-gemeente pairs examined (${round(examinedPerSecond)}/s), ${scheduled} scheduled (${round(scheduledPerSecond)} organisations scheduled/s), ${total(first.summaries, 'covered')} covered by an agreement`,
    );
    console.log(
      `  bare reads + puts: ${round(baseline.seconds)} s (${round(bareExaminedPerSecond)} examined/s, ${baseline.puts} puts)`,
    );
    console.log(`  ratio (campaign / bare, examined per second): ${round(ratio, 3)}`);
    console.log(
      `  rerun: ${round(rerun.seconds)} s, scheduled ${total(rerun.summaries, 'scheduled')}, already scheduled ${total(rerun.summaries, 'alreadyScheduled')}`,
    );
    if (total(rerun.summaries, 'scheduled') !== 0) throw new Error('The rerun scheduled organisations again');
    writeResult(
      'campaign',
      {
        organisations: ORGANISATIONS,
        gemeenten: gemeenten.length,
        gemeentenAtOnce: GEMEENTEN_AT_ONCE,
        examined,
        scheduled,
        covered: total(first.summaries, 'covered'),
        seconds: round(first.seconds, 2),
        organisationsScheduledPerSecond: round(scheduledPerSecond),
        examinedPerSecond: round(examinedPerSecond),
        bareSeconds: round(baseline.seconds, 2),
        bareExaminedPerSecond: round(bareExaminedPerSecond),
        rerunSeconds: round(rerun.seconds, 2),
        rerunScheduled: total(rerun.summaries, 'scheduled'),
        rerunAlreadyScheduled: total(rerun.summaries, 'alreadyScheduled'),
      },
      round(ratio, 3),
    );
  } finally {
    client.destroy();
    await dynamodb.stop();
  }
}
