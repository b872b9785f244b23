import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor, OrganisationCommand } from '#domain/organisation/commands.ts';
import type { StoredEvent } from '#events/envelope.ts';
import {
  type CampaignReason,
  MELDCODE_ELEMENT_IDS,
  type MeldcodeElementId,
  type Question,
  type Sector,
  type Verdict,
} from '#events/values.ts';
import { type CampaignRunSummary, runCampaign } from '#functions/campaign/run-campaign.ts';
import { type TestPipeline, testPipeline } from './pipeline.ts';

/**
 * A campaign over a seeded history schedules exactly the organisations the rules select: a table of
 * cases, one organisation each, for every reason, for agreements (the lead schedules, the others
 * are covered; an agreement on some questions only covers nothing), and for the sectors an
 * inspectie supervises (never). The campaign is 2027, run on 1 December 2026: judged on
 * 1 January 2027. The worker reads its organisations from the gemeente's view partition, as it
 * does on AWS, and appends through the shared command path. Run twice, it appends nothing more.
 */
const OWN = 'GM0363';
const PARTNER = 'GM0344';
const ELSEWHERE = 'GM0014';
const YEAR = 2027;
const SEEDED_AT = new Date('2026-11-20T10:00:00.000Z');
const CAMPAIGN_AT = new Date('2026-12-01T05:00:00.000Z');

const ALL_ELEMENTS: MeldcodeElementId[] = [...MELDCODE_ELEMENT_IDS];

type Step =
  | { meldcode: string }
  | { supervised: string; by?: string; verdict?: Verdict; followUp?: string; q1?: 'yes' | 'no' }
  | { agreement: { lead: string; questions: Question[] } };

interface Case {
  readonly name: string;
  readonly sector: Sector;
  readonly gemeenten: readonly string[];
  readonly history: readonly Step[];
  /** What OWN's campaign does: schedule with these reasons, or not. */
  readonly own: readonly CampaignReason[] | 'covered' | 'not-due' | 'never' | 'not-listed';
  /** What PARTNER's campaign does, where the organisation is active there. */
  readonly partner?: readonly CampaignReason[] | 'covered';
}

const CASES: readonly Case[] = [
  {
    name: 'no meldcode, never supervised',
    sector: 'wmo',
    gemeenten: [OWN],
    history: [],
    own: ['no-meldcode', 'never-supervised'],
  },
  {
    name: 'meldcode, never supervised',
    sector: 'wmo',
    gemeenten: [OWN],
    history: [{ meldcode: '2024-02-01' }],
    own: ['never-supervised'],
  },
  {
    name: 'supervised last year, compliant: not due (three-year interval)',
    sector: 'wmo',
    gemeenten: [OWN],
    history: [{ meldcode: '2024-02-01' }, { supervised: '2026-03-01' }],
    own: 'not-due',
  },
  {
    name: 'supervised four years ago: interval elapsed',
    sector: 'wmo',
    gemeenten: [OWN],
    history: [{ meldcode: '2020-02-01' }, { supervised: '2023-05-01' }],
    own: ['interval-elapsed'],
  },
  {
    name: 'last verdict not compliant, follow-up deadline passed',
    sector: 'wmo',
    gemeenten: [OWN],
    history: [
      { meldcode: '2024-02-01' },
      { supervised: '2026-04-01', verdict: 'non-compliant', followUp: '2026-10-01' },
    ],
    own: ['last-verdict-not-compliant', 'follow-up-deadline-passed'],
  },
  {
    name: 'meldcode changed since the last supervision',
    sector: 'wmo',
    gemeenten: [OWN],
    history: [{ meldcode: '2024-02-01' }, { supervised: '2026-03-01' }, { meldcode: '2026-06-01' }],
    own: ['meldcode-changed'],
  },
  {
    name: 'supervisor found no meldcode',
    sector: 'wmo',
    gemeenten: [OWN],
    history: [{ meldcode: '2024-02-01' }, { supervised: '2026-03-01', q1: 'no', verdict: 'non-compliant' }],
    own: ['no-meldcode', 'last-verdict-not-compliant'],
  },
  {
    name: 'kindercentrum supervised last year: yearly interval elapsed',
    sector: 'kinderopvang-kindercentrum',
    gemeenten: [OWN],
    history: [{ meldcode: '2024-02-01' }, { supervised: '2026-05-01' }],
    own: ['interval-elapsed'],
  },
  {
    name: "the gemeente's own service",
    sector: 'gemeentelijke-dienst',
    gemeenten: [OWN],
    history: [{ meldcode: '2023-01-01' }],
    own: ['never-supervised'],
  },
  { name: 'jeugdhulp (IGJ) without meldcode: never', sector: 'jeugdhulp', gemeenten: [OWN], history: [], own: 'never' },
  { name: 'zorg (IGJ): never', sector: 'zorg', gemeenten: [OWN], history: [{ meldcode: '2019-03-01' }], own: 'never' },
  {
    name: 'onderwijs (Inspectie van het Onderwijs): never',
    sector: 'onderwijs',
    gemeenten: [OWN],
    history: [],
    own: 'never',
  },
  {
    name: 'vrijwilligersorganisatie (exempt): never',
    sector: 'vrijwilligersorganisatie',
    gemeenten: [OWN],
    history: [],
    own: 'never',
  },
  {
    name: 'agreement on all questions, led by the partner: covered here, scheduled by the partner',
    sector: 'wmo',
    gemeenten: [OWN, PARTNER],
    history: [{ meldcode: '2024-02-01' }, { agreement: { lead: PARTNER, questions: ['Q1', 'Q2', 'Q3'] } }],
    own: 'covered',
    partner: ['never-supervised'],
  },
  {
    name: 'agreement on all questions, led here: scheduled here, covered for the partner',
    sector: 'kinderopvang-gastouderbureau',
    gemeenten: [OWN, PARTNER],
    history: [
      { meldcode: '2024-02-01' },
      { agreement: { lead: OWN, questions: ['Q1', 'Q2', 'Q3'] } },
      { supervised: '2025-06-01' },
    ],
    own: ['interval-elapsed'],
    partner: 'covered',
  },
  {
    name: 'agreement on Q1 and Q2 only, led by the partner: both schedule',
    sector: 'wmo',
    gemeenten: [OWN, PARTNER],
    history: [{ agreement: { lead: PARTNER, questions: ['Q1', 'Q2'] } }],
    own: ['no-meldcode', 'never-supervised'],
    partner: ['no-meldcode', 'never-supervised'],
  },
  {
    name: 'active elsewhere only: not on the list',
    sector: 'wmo',
    gemeenten: [ELSEWHERE],
    history: [],
    own: 'not-listed',
  },
];

let pipeline: TestPipeline;
const ids = new Map<string, string>();
const supervisor = (gemeente: string): Actor => ({
  subject: `toezichthouder-${gemeente}`,
  gemeente,
  role: 'supervisor',
});

async function seed(item: Case, index: number): Promise<void> {
  const organisationId = ulid();
  ids.set(item.name, organisationId);
  const lead = item.gemeenten[0]!;
  const commands: [OrganisationCommand, string][] = [
    [
      {
        type: 'RegisterOrganisation',
        data: {
          organisationId,
          name: `Organisatie ${index} ${item.name}`,
          kvkNumber: String(30_000_000 + index),
          sector: item.sector,
          gemeenten: [...item.gemeenten],
          existsSince: '2010-01-01',
        },
      },
      lead,
    ],
  ];
  for (const step of item.history) {
    if ('meldcode' in step) {
      commands.push([
        {
          type: 'SubmitMeldcode',
          data: {
            meldcodeId: ulid(),
            label: step.meldcode.slice(0, 4),
            adoptedOn: step.meldcode,
            elements: ALL_ELEMENTS,
            attentionOfficer: true,
            promotionMeasures: [],
          },
        },
        lead,
      ]);
    } else if ('supervised' in step) {
      const by = step.by ?? lead;
      commands.push([
        {
          type: 'CompleteSupervision',
          data: {
            supervisionId: ulid(),
            gemeente: by,
            performedOn: step.supervised,
            verdict: step.verdict ?? 'compliant',
            findings: step.q1 ? { q1: { answer: step.q1 } } : {},
            ...(step.followUp ? { followUpDeadline: step.followUp } : {}),
          },
        },
        by,
      ]);
    } else {
      commands.push([
        {
          type: 'MakeAgreement',
          data: {
            agreementId: ulid(),
            gemeenten: [...item.gemeenten],
            lead: step.agreement.lead,
            questions: step.agreement.questions,
            shareFindings: true,
            validFrom: '2025-01-01',
            validUntil: '2028-12-31',
          },
        },
        lead,
      ]);
    }
  }
  for (const [command, gemeente] of commands) await pipeline.run(organisationId, command, supervisor(gemeente));
}

async function allEvents(): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await pipeline.db.documentClient.send(
      new ScanCommand({
        TableName: pipeline.db.tables.Events,
        FilterExpression: 'version > :zero',
        ExpressionAttributeValues: { ':zero': 0 },
        ExclusiveStartKey: startKey,
      }),
    );
    events.push(...((page.Items ?? []) as StoredEvent[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return events;
}

function campaign(gemeente: string): Promise<CampaignRunSummary> {
  pipeline.now = CAMPAIGN_AT;
  return runCampaign(
    { year: YEAR, gemeente, correlationId: `campaign-test-${gemeente}` },
    {
      store: pipeline.projectingStore,
      organisationsIn: async (g) => (await pipeline.views.gemeenteRows(g)).map((row) => row.organisationId),
      clock: () => CAMPAIGN_AT,
      causationId: 'message-1',
    },
  );
}

const scheduledFor = (events: readonly StoredEvent[], gemeente: string) =>
  new Map(
    events
      .filter((e) => e.type === 'SupervisionScheduled' && e.data.gemeente === gemeente)
      .map((e) => [e.streamId.replace('organisation#', ''), e]),
  );

beforeAll(async () => {
  pipeline = await testPipeline(SEEDED_AT);
  for (const [index, item] of CASES.entries()) await seed(item, index);
});

describe('the 2027 campaign', () => {
  it('schedules for its gemeente exactly the organisations the rules select, with their reasons', async () => {
    // Act
    const summary = await campaign(OWN);
    // Assess
    const scheduled = scheduledFor(await allEvents(), OWN);
    const expected = CASES.filter((c) => Array.isArray(c.own));
    expect([...scheduled.keys()].sort()).toEqual(expected.map((c) => ids.get(c.name)!).sort());
    for (const item of expected) {
      const event = scheduled.get(ids.get(item.name)!)!;
      expect({ case: item.name, data: event.data }).toEqual({
        case: item.name,
        data: { campaignYear: YEAR, gemeente: OWN, reasons: item.own, dueOn: '2027-12-31' },
      });
      expect(event.meta).toMatchObject({
        actor: 'campaign-worker',
        role: 'system',
        gemeente: OWN,
        correlationId: `campaign-test-${OWN}`,
        causationId: 'message-1',
      });
    }
    expect(summary).toMatchObject({
      year: YEAR,
      gemeente: OWN,
      asOf: '2027-01-01',
      examined: CASES.filter((c) => c.gemeenten.includes(OWN)).length,
      scheduled: expected.length,
      alreadyScheduled: 0,
      covered: CASES.filter((c) => c.own === 'covered').length,
      notDue: CASES.filter((c) => c.own === 'not-due').length,
      notSupervisedByGemeente: CASES.filter((c) => c.own === 'never').length,
      refused: [],
    });
  });

  it('schedules for the partner gemeente by its own agreements: the lead schedules, the others are covered', async () => {
    const summary = await campaign(PARTNER);
    const scheduled = scheduledFor(await allEvents(), PARTNER);
    const expected = CASES.filter((c) => Array.isArray(c.partner));
    expect([...scheduled.keys()].sort()).toEqual(expected.map((c) => ids.get(c.name)!).sort());
    for (const item of expected) expect(scheduled.get(ids.get(item.name)!)!.data.reasons).toEqual(item.partner);
    expect(summary.covered).toBe(CASES.filter((c) => c.partner === 'covered').length);
  });

  it('appends nothing when run again, for the same message or a rerun', async () => {
    const before = await allEvents();
    const again = await campaign(OWN);
    const partnerAgain = await campaign(PARTNER);
    const after = await allEvents();
    expect(after.length).toBe(before.length);
    expect(again.scheduled).toBe(0);
    expect(again.alreadyScheduled).toBe(CASES.filter((c) => Array.isArray(c.own)).length);
    expect(partnerAgain.scheduled).toBe(0);
  });

  it('shows the scheduled organisations as due in the views', async () => {
    const rows = await pipeline.views.gemeenteRows(OWN);
    const withYear = rows
      .filter((row) => row.scheduledCampaignYears.includes(YEAR))
      .map((row) => row.organisationId)
      .sort();
    // Own entries, and the entry of the lead that covers this gemeente.
    const expected = CASES.filter((c) => Array.isArray(c.own) || c.own === 'covered')
      .map((c) => ids.get(c.name)!)
      .sort();
    expect(withYear).toEqual(expected);
  });
});
