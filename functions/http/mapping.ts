import type { KnowledgeAndUseReason } from '#domain/meldcode/knowledge-and-use.ts';
import type { MinimumRequirementsCheck } from '#domain/meldcode/minimum-requirements.ts';
import type {
  ChangeActivity,
  CompleteSupervision,
  EndAgreement,
  MakeAgreement,
  RegisterOrganisation,
  SubmitMeldcode,
} from '#domain/organisation/commands.ts';
import { questionsOf } from '#domain/organisation/supervision.ts';
import type { CoordinationEntry } from '#domain/projections/coordination.ts';
import type { GemeenteRow } from '#domain/projections/gemeente-rows.ts';
import type { MeldcodeFacts, OrganisationHistory, SupervisionFacts } from '#domain/projections/organisation-history.ts';
import type { SupervisionAnswer } from '#domain/projections/question-answers.ts';
import { currentMeldcode } from '#domain/projections/supervision-rules.ts';
import type {
  AgreementSummary,
  ScheduledEntry,
  SupervisionStatus,
  SupervisionSummary,
} from '#domain/projections/supervision-status.ts';
import type { SupervisionFindings } from '#events/catalogue.ts';
import type { StoredEvent } from '#events/envelope.ts';
import { findGemeente } from '#events/gemeenten.ts';
import type { PromotionMeasure, Verdict } from '#events/values.ts';
import type { AfspraakUit, AfstemmingUit, GemeenteOrganisatieUit, OrganisatieUit } from './api-responses.ts';
import type { Afspraak, MeldcodeIndiening, OrganisatieRegistratie, Toezichtonderzoek } from './api-schemas.ts';

/**
 * The one place where the public API's Dutch meets the code's English: request bodies become
 * commands (whose data are the events' own shapes), views become Dutch responses.
 */

const VERDICT_TO_EN: Record<Toezichtonderzoek['oordeel'], Verdict> = {
  voldoet: 'compliant',
  'voldoet-deels': 'partially-compliant',
  'voldoet-niet': 'non-compliant',
};
const VERDICT_TO_NL: Record<Verdict, Toezichtonderzoek['oordeel']> = {
  compliant: 'voldoet',
  'partially-compliant': 'voldoet-deels',
  'non-compliant': 'voldoet-niet',
};
const YES_NO_TO_NL = { yes: 'ja', no: 'nee', unknown: 'onbekend' } as const;
const YES_NO_TO_EN = { ja: 'yes', nee: 'no' } as const;
const SUFFICIENT_TO_NL = { sufficient: 'voldoende', insufficient: 'onvoldoende', unknown: 'onbekend' } as const;
const SUFFICIENT_TO_EN = { voldoende: 'sufficient', onvoldoende: 'insufficient' } as const;
const SOURCE_TO_NL = { supervision: 'toezichtonderzoek', 'self-declared': 'zelfverklaring', none: 'geen' } as const;
const ELEMENT_STATUS_TO_NL = {
  present: 'aanwezig',
  missing: 'ontbreekt',
  'not-applicable': 'niet-van-toepassing',
} as const;
const ADVICE_STATUS_TO_NL = { present: 'aanwezig', absent: 'afwezig', unknown: 'onbekend' } as const;
const SCHEDULE_STATE_TO_NL = { open: 'open', overdue: 'te-laat', done: 'uitgevoerd' } as const;
const AGREEMENT_STATE_TO_NL = {
  valid: 'geldig',
  upcoming: 'toekomstig',
  expired: 'verlopen',
  ended: 'beeindigd',
} as const;
const Q3_REASON_TO_NL: Record<
  KnowledgeAndUseReason,
  OrganisatieUit['toezichtstatus']['bevorderingKennisEnGebruik']['zelfverklaring']['reden']
> = {
  'no-measures-known': 'geen-maatregelen-bekend',
  'no-recent-measure': 'geen-recente-maatregel',
  'reach-too-low': 'bereik-te-laag',
  'recent-measure-reaching-most-staff': 'recente-maatregel-bereikt-meeste-medewerkers',
  'recent-measure-reach-unknown': 'recente-maatregel-bereik-onbekend',
};
const AUTHORITY_TO_NL: Record<SupervisionStatus['supervisedBy'], string> = {
  gemeente: 'gemeente',
  'Inspectie Gezondheidszorg en Jeugd': 'Inspectie Gezondheidszorg en Jeugd',
  'Inspectie van het Onderwijs': 'Inspectie van het Onderwijs',
  none: 'geen',
};

// --- requests -> commands ------------------------------------------------------------------------

export function registerCommand(body: OrganisatieRegistratie, organisationId: string): RegisterOrganisation {
  return {
    type: 'RegisterOrganisation',
    data: {
      organisationId,
      name: body.naam,
      kvkNumber: body.kvkNummer,
      ...(body.vestigingsnummer ? { branchNumber: body.vestigingsnummer } : {}),
      ...(body.lrkNummer ? { lrkNumber: body.lrkNummer } : {}),
      sector: body.sector,
      gemeenten: body.gemeenten,
      ...(body.bestaatSinds ? { existsSince: body.bestaatSinds } : {}),
    },
  };
}

/** The KvK-nummer and vestigingsnummer may be registered once, across all streams. */
export const kvkUniqueKey = (body: OrganisatieRegistratie): string =>
  `kvk#${body.kvkNummer}#${body.vestigingsnummer ?? '-'}`;

export function activityCommand(added: string[], removed: string[], effectiveOn: string): ChangeActivity {
  return { type: 'ChangeActivity', data: { added, removed, effectiveOn } };
}

const measureToEn = (m: MeldcodeIndiening['maatregelen'][number]): PromotionMeasure => ({
  kind: m.soort,
  date: m.datum,
  ...(m.bereikPercentage === undefined ? {} : { reachPercentage: m.bereikPercentage }),
});

export function meldcodeCommand(body: MeldcodeIndiening, meldcodeId: string): SubmitMeldcode {
  return {
    type: 'SubmitMeldcode',
    data: {
      meldcodeId,
      label: body.versie,
      adoptedOn: body.vastgesteldOp,
      elements: body.elementen,
      attentionOfficer: body.aandachtsfunctionaris,
      ...(body.dossiervorming === undefined ? {} : { recordsKept: body.dossiervorming }),
      promotionMeasures: body.maatregelen.map(measureToEn),
    },
  };
}

export function supervisionCommand(body: Toezichtonderzoek, supervisionId: string): CompleteSupervision {
  const b = body.bevindingen;
  const findings: SupervisionFindings = {
    ...(b.meldcodeBeschikbaar
      ? {
          q1: {
            answer: YES_NO_TO_EN[b.meldcodeBeschikbaar.antwoord],
            ...(b.meldcodeBeschikbaar.toelichting ? { note: b.meldcodeBeschikbaar.toelichting } : {}),
          },
        }
      : {}),
    ...(b.voldoetAanMinimumeisen
      ? {
          q2: {
            answer: YES_NO_TO_EN[b.voldoetAanMinimumeisen.antwoord],
            ...(b.voldoetAanMinimumeisen.aanwezigeElementen
              ? { elementsPresent: b.voldoetAanMinimumeisen.aanwezigeElementen }
              : {}),
            ...(b.voldoetAanMinimumeisen.toelichting ? { note: b.voldoetAanMinimumeisen.toelichting } : {}),
          },
        }
      : {}),
    ...(b.bevorderingKennisEnGebruik
      ? {
          q3: {
            answer: SUFFICIENT_TO_EN[b.bevorderingKennisEnGebruik.antwoord],
            ...(b.bevorderingKennisEnGebruik.toelichting ? { note: b.bevorderingKennisEnGebruik.toelichting } : {}),
          },
        }
      : {}),
  };
  return {
    type: 'CompleteSupervision',
    data: {
      supervisionId,
      gemeente: body.gemeente,
      ...(body.toezichthouder ? { supervisor: body.toezichthouder } : {}),
      performedOn: body.uitgevoerdOp,
      verdict: VERDICT_TO_EN[body.oordeel],
      findings,
      ...(body.herstelTermijn ? { followUpDeadline: body.herstelTermijn } : {}),
    },
  };
}

export function agreementCommand(body: Afspraak, agreementId: string): MakeAgreement {
  return {
    type: 'MakeAgreement',
    data: {
      agreementId,
      gemeenten: body.gemeenten,
      lead: body.penvoerder,
      ...(body.toezichthouder ? { supervisor: body.toezichthouder } : {}),
      questions: body.vragen,
      shareFindings: body.bevindingenDelen,
      validFrom: body.geldigVanaf,
      validUntil: body.geldigTot,
    },
  };
}

export function endAgreementCommand(agreementId: string, endedOn: string): EndAgreement {
  return { type: 'EndAgreement', data: { agreementId, endedOn } };
}

// --- views -> responses --------------------------------------------------------------------------

const gemeenteRef = (code: string) => ({ gemeentecode: code, naam: findGemeente(code)?.name ?? null });

const measureToNl = (m: PromotionMeasure) => ({
  soort: m.kind,
  datum: m.date,
  bereikPercentage: m.reachPercentage ?? null,
});

function checkToNl(check: MinimumRequirementsCheck) {
  return {
    antwoord: YES_NO_TO_NL[check.answer],
    beoordeeldOp: check.asOf,
    variant: check.variant,
    elementen: check.elements.map((e) => ({
      element: e.id,
      soort: e.kind === 'step' ? ('stap' as const) : ('element' as const),
      titel: e.title,
      status: ELEMENT_STATUS_TO_NL[e.status],
      grondslag: e.legalBasis,
      toelichting: e.note,
    })),
    ontbrekend: [...check.missing],
    adviezen: check.advice.map((a) => ({
      id: a.id,
      titel: a.title,
      grondslag: a.basis,
      status: ADVICE_STATUS_TO_NL[a.status],
    })),
  };
}

function findingToNl<A extends string, N extends string>(answer: SupervisionAnswer<A> | null, map: Record<A, N>) {
  if (answer === null) return null;
  return {
    toezichtonderzoekId: answer.supervisionId,
    gemeente: answer.gemeente,
    toezichthouder: answer.supervisor,
    uitgevoerdOp: answer.performedOn,
    antwoord: map[answer.answer],
    toelichting: answer.note,
    actueel: answer.current,
  };
}

export function agreementToNl(a: AgreementSummary): AfspraakUit {
  return {
    afspraakId: a.agreementId,
    gemeenten: [...a.gemeenten],
    penvoerder: a.lead,
    toezichthouder: a.supervisor,
    vragen: [...a.questions],
    bevindingenDelen: a.shareFindings,
    geldigVanaf: a.validFrom,
    geldigTot: a.validUntil,
    beeindigdOp: a.endedOn,
    reden: a.endReason,
    status: AGREEMENT_STATE_TO_NL[a.state],
  };
}

const supervisionSummaryToNl = (s: SupervisionSummary) => ({
  toezichtonderzoekId: s.supervisionId,
  gemeente: s.gemeente,
  toezichthouder: s.supervisor,
  uitgevoerdOp: s.performedOn,
  oordeel: VERDICT_TO_NL[s.verdict],
  herstelTermijn: s.followUpDeadline,
  vragen: [...s.questions],
});

const scheduleToNl = (e: ScheduledEntry) => ({
  campagnejaar: e.campaignYear,
  gemeente: e.gemeente,
  redenen: [...e.reasons],
  uiterlijk: e.dueOn,
  status: SCHEDULE_STATE_TO_NL[e.state],
  uitgevoerdDoor: e.doneBy,
});

export function organisationToNl(status: SupervisionStatus): OrganisatieUit {
  const { q1, q2, q3 } = status;
  return {
    id: status.organisationId,
    naam: status.name,
    kvkNummer: status.kvkNumber,
    vestigingsnummer: status.branchNumber,
    lrkNummer: status.lrkNumber,
    sector: status.sector,
    bestaatSinds: status.existsSince,
    toezichtDoor: AUTHORITY_TO_NL[status.supervisedBy],
    toezichtDoorGemeente: status.supervisedByGemeente,
    gemeenten: status.gemeenten.map((a) => ({ ...gemeenteRef(a.gemeente), actiefSinds: a.since })),
    voormaligeGemeenten: status.formerGemeenten.map((a) => ({
      ...gemeenteRef(a.gemeente),
      actiefSinds: a.since,
      actiefTot: a.until,
    })),
    versie: status.appliedVersion,
    peildatum: status.asOf,
    toezichtstatus: {
      meldcodeBeschikbaar: {
        antwoord: YES_NO_TO_NL[q1.answer],
        bron: SOURCE_TO_NL[q1.source],
        grondslag: q1.legalBasis,
        zelfverklaring: { antwoord: YES_NO_TO_NL[q1.selfDeclared.answer], meldcodeId: q1.selfDeclared.meldcodeId },
        toezichtonderzoek: findingToNl(q1.supervision, { yes: 'ja', no: 'nee' } as const),
      },
      voldoetAanMinimumeisen: {
        antwoord: YES_NO_TO_NL[q2.answer],
        bron: SOURCE_TO_NL[q2.source],
        zelfverklaring: { ...checkToNl(q2.selfDeclared), meldcodeId: q2.selfDeclared.meldcodeId },
        toezichtonderzoek:
          q2.supervision === null
            ? null
            : {
                ...findingToNl(q2.supervision, { yes: 'ja', no: 'nee' } as const)!,
                controle: q2.supervision.check ? checkToNl(q2.supervision.check) : null,
              },
      },
      bevorderingKennisEnGebruik: {
        antwoord: SUFFICIENT_TO_NL[q3.answer],
        bron: SOURCE_TO_NL[q3.source],
        zelfverklaring: {
          antwoord: SUFFICIENT_TO_NL[q3.selfDeclared.answer],
          reden: Q3_REASON_TO_NL[q3.selfDeclared.reason],
          peildatum: q3.selfDeclared.asOf,
          vensterVanaf: q3.selfDeclared.windowStart,
          maatregelen: q3.selfDeclared.measures.map(measureToNl),
          recenteMaatregelen: q3.selfDeclared.recentMeasures.map(measureToNl),
          hoogsteRecenteBereik: q3.selfDeclared.bestRecentReach,
          grondslag: q3.selfDeclared.legalBasis,
        },
        toezichtonderzoek: findingToNl(q3.supervision, {
          sufficient: 'voldoende',
          insufficient: 'onvoldoende',
        } as const),
      },
    },
    meldcode: status.meldcode
      ? {
          meldcodeId: status.meldcode.meldcodeId,
          versie: status.meldcode.label,
          vastgesteldOp: status.meldcode.adoptedOn,
          ingediendOp: status.meldcode.submittedAt,
        }
      : null,
    laatsteToezichtonderzoek: status.lastSupervision ? supervisionSummaryToNl(status.lastSupervision) : null,
    oordeel: status.verdict ? VERDICT_TO_NL[status.verdict] : null,
    herstelTermijn: status.followUpDeadline,
    herstelTermijnVerstreken: status.followUpDeadlinePassed,
    meldcodeGewijzigdSindsToezicht: status.meldcodeChangedSinceLastSupervision,
    volgendToezicht: status.nextSupervision ? scheduleToNl(status.nextSupervision) : null,
    campagne: status.scheduled.map(scheduleToNl),
    afspraken: status.agreements.map(agreementToNl),
    huidigeAfspraak: status.currentAgreement ? agreementToNl(status.currentAgreement) : null,
  };
}

export function meldcodesToNl(history: OrganisationHistory) {
  const current = currentMeldcode(history.meldcodes);
  return {
    meldcodes: history.meldcodes.map((m: MeldcodeFacts) => ({
      meldcodeId: m.meldcodeId,
      versie: m.label,
      vastgesteldOp: m.adoptedOn,
      elementen: [...m.elements],
      aandachtsfunctionaris: m.attentionOfficer,
      dossiervorming: m.recordsKept,
      maatregelen: m.promotionMeasures.map(measureToNl),
      ingediendOp: m.submittedAt,
      huidig: current?.meldcodeId === m.meldcodeId,
    })),
  };
}

export function supervisionsToNl(history: OrganisationHistory) {
  return {
    toezichtonderzoeken: history.supervisions.map((s: SupervisionFacts) => ({
      ...supervisionSummaryToNl({ ...s, questions: questionsOf(s.findings) }),
      bevindingen: {
        meldcodeBeschikbaar: s.findings.q1
          ? { antwoord: YES_NO_TO_NL[s.findings.q1.answer] as 'ja' | 'nee', toelichting: s.findings.q1.note ?? null }
          : null,
        voldoetAanMinimumeisen: s.findings.q2
          ? {
              antwoord: YES_NO_TO_NL[s.findings.q2.answer] as 'ja' | 'nee',
              aanwezigeElementen: s.findings.q2.elementsPresent ? [...s.findings.q2.elementsPresent] : null,
              toelichting: s.findings.q2.note ?? null,
            }
          : null,
        bevorderingKennisEnGebruik: s.findings.q3
          ? {
              antwoord: SUFFICIENT_TO_NL[s.findings.q3.answer] as 'voldoende' | 'onvoldoende',
              toelichting: s.findings.q3.note ?? null,
            }
          : null,
      },
      vastgelegdOp: s.recordedAt,
    })),
  };
}

export function eventsToNl(stored: readonly StoredEvent[], upcastData: (e: StoredEvent) => Record<string, unknown>) {
  return {
    gebeurtenissen: stored.map((e) => ({
      versie: e.version,
      gebeurtenisId: e.eventId,
      type: e.type,
      schemaVersie: e.schemaVersion,
      gebeurdOp: e.occurredAt,
      vastgelegdOp: e.recordedAt,
      gemeente: e.meta.gemeente ?? null,
      rol: e.meta.role,
      gegevens: upcastData(e),
    })),
  };
}

export function gemeenteRowToNl(row: GemeenteRow): GemeenteOrganisatieUit {
  return {
    organisatieId: row.organisationId,
    naam: row.name,
    kvkNummer: row.kvkNumber,
    vestigingsnummer: row.branchNumber,
    lrkNummer: row.lrkNumber,
    sector: row.sector,
    toezichtDoorGemeente: row.supervisedByGemeente,
    actiefSinds: row.activeSince,
    antwoorden: {
      meldcodeBeschikbaar: YES_NO_TO_NL[row.answers.q1],
      voldoetAanMinimumeisen: YES_NO_TO_NL[row.answers.q2],
      bevorderingKennisEnGebruik: SUFFICIENT_TO_NL[row.answers.q3],
    },
    campagnejaren: [...row.scheduledCampaignYears],
    teBeoordelenDitJaar: row.dueThisYear,
    eerstvolgendeUiterlijk: row.nextDueOn,
    laatsteToezichtonderzoek: row.lastSupervision ? supervisionSummaryToNl(row.lastSupervision) : null,
    oordeel: row.verdict ? VERDICT_TO_NL[row.verdict] : null,
    herstelTermijn: row.followUpDeadline,
    gedektDoor: row.coveredBy
      ? { afspraakId: row.coveredBy.agreementId, penvoerder: row.coveredBy.lead, vragen: [...row.coveredBy.questions] }
      : null,
    peildatum: row.asOf,
    versie: row.appliedVersion,
  };
}

export function coordinationToNl(entry: CoordinationEntry): AfstemmingUit['organisaties'][number] {
  return {
    organisatieId: entry.organisationId,
    naam: entry.name,
    kvkNummer: entry.kvkNumber,
    sector: entry.sector,
    gemeenten: entry.gemeenten.map(gemeenteRef),
    afspraak: entry.agreement ? agreementToNl(entry.agreement) : null,
    afspraken: entry.agreements.map(agreementToNl),
    tekortkomingen: entry.gaps.map((g) => ({
      code: g.code,
      afspraakId: g.agreementId,
      gemeente: g.gemeente,
      toezichtonderzoekId: g.supervisionId,
      campagnejaar: g.campaignYear,
    })),
    peildatum: entry.asOf,
    versie: entry.appliedVersion,
  };
}

export { gemeenteRef };
