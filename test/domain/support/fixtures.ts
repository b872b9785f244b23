import type { Actor, OrganisationCommand } from '#domain/organisation/commands.ts';
import type {
  AgreementEnded,
  AgreementMade,
  DomainEvent,
  MeldcodeSubmitted,
  OrganisationActivityChanged,
  OrganisationRegistered,
  SupervisionCompleted,
  SupervisionScheduled,
} from '#events/catalogue.ts';

/** Real gemeentecodes of the 2025 CBS list, named for readable tests. */
export const AMSTERDAM = 'GM0363';
export const ROTTERDAM = 'GM0599';
export const UTRECHT = 'GM0344';
export const DEN_HAAG = 'GM0518';
export const ARNHEM = 'GM0202';
export const NIJMEGEN = 'GM0268';

/** A valid ULID per number, so tests name ids by a small number and stay readable. */
export function ulid(n: number): string {
  return `01HZX${String(n).padStart(21, '0')}`;
}

export const ORGANISATION_ID = ulid(1);

export const supervisorOf = (gemeente: string): Actor => ({
  subject: `user-${gemeente}`,
  gemeente,
  role: 'supervisor',
});
export const viewerOf = (gemeente: string): Actor => ({ subject: `viewer-${gemeente}`, gemeente, role: 'viewer' });
export const auditor: Actor = { subject: 'rekenkamer', role: 'auditor' };
export const campaignWorker: Actor = { subject: 'campaign-worker', role: 'system' };

/** The full element list of the general variant: passes Q2 for every sector on any date. */
export const ALL_ELEMENTS = [
  'stappenplan',
  'responsibilities',
  'specialForms',
  'verwijsindex',
  'kindcheck',
  'confidentialData',
  'afwegingskader',
  'step1MapSignals',
  'step2Consult',
  'step3Conversation',
  'step4Weigh',
  'step5Decide',
] as const;

export function registered(overrides: Partial<OrganisationRegistered['data']> = {}): OrganisationRegistered {
  return {
    type: 'OrganisationRegistered',
    data: {
      organisationId: ORGANISATION_ID,
      name: 'Stichting Welzijn Noord',
      kvkNumber: '12345678',
      sector: 'wmo',
      gemeenten: [AMSTERDAM],
      existsSince: '2010-01-01',
      ...overrides,
    },
  };
}

export function activityChanged(
  overrides: Partial<OrganisationActivityChanged['data']> = {},
): OrganisationActivityChanged {
  return {
    type: 'OrganisationActivityChanged',
    data: { added: [], removed: [], effectiveOn: '2024-01-01', ...overrides },
  };
}

export function meldcodeSubmitted(overrides: Partial<MeldcodeSubmitted['data']> = {}): MeldcodeSubmitted {
  return {
    type: 'MeldcodeSubmitted',
    data: {
      meldcodeId: ulid(100),
      label: '2024-1',
      adoptedOn: '2024-01-15',
      elements: [...ALL_ELEMENTS],
      attentionOfficer: true,
      promotionMeasures: [{ kind: 'scholing', date: '2025-02-01', reachPercentage: 80 }],
      ...overrides,
    },
  };
}

export function supervisionScheduled(overrides: Partial<SupervisionScheduled['data']> = {}): SupervisionScheduled {
  return {
    type: 'SupervisionScheduled',
    data: { campaignYear: 2025, gemeente: AMSTERDAM, reasons: ['never-supervised'], dueOn: '2025-12-31', ...overrides },
  };
}

export function supervisionCompleted(overrides: Partial<SupervisionCompleted['data']> = {}): SupervisionCompleted {
  return {
    type: 'SupervisionCompleted',
    data: {
      supervisionId: ulid(200),
      gemeente: AMSTERDAM,
      performedOn: '2025-03-10',
      verdict: 'compliant',
      findings: {},
      ...overrides,
    },
  };
}

export function agreementMade(overrides: Partial<AgreementMade['data']> = {}): AgreementMade {
  return {
    type: 'AgreementMade',
    data: {
      agreementId: ulid(300),
      gemeenten: [AMSTERDAM, ROTTERDAM],
      lead: AMSTERDAM,
      questions: ['Q1', 'Q2', 'Q3'],
      shareFindings: true,
      validFrom: '2025-01-01',
      validUntil: '2027-12-31',
      ...overrides,
    },
  };
}

export function agreementEnded(overrides: Partial<AgreementEnded['data']> = {}): AgreementEnded {
  return { type: 'AgreementEnded', data: { agreementId: ulid(300), endedOn: '2025-06-01', ...overrides } };
}

const COMMAND_OF_EVENT = {
  OrganisationRegistered: 'RegisterOrganisation',
  OrganisationActivityChanged: 'ChangeActivity',
  MeldcodeSubmitted: 'SubmitMeldcode',
  SupervisionScheduled: 'ScheduleSupervision',
  SupervisionCompleted: 'CompleteSupervision',
  AgreementMade: 'MakeAgreement',
  AgreementEnded: 'EndAgreement',
} as const;

/** The command asking for exactly this event: commands and events share their data shape. */
export function commandFor(event: DomainEvent): OrganisationCommand {
  return { type: COMMAND_OF_EVENT[event.type], data: event.data } as OrganisationCommand;
}
