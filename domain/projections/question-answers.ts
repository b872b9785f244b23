import type { IsoDate, PromotionMeasure, Sector } from '#events/values.ts';
import { compareIso } from '../dates.ts';
import {
  assessKnowledgeAndUse,
  type KnowledgeAndUseAssessment,
  type SufficientAnswer,
} from '../meldcode/knowledge-and-use.ts';
import {
  checkMinimumRequirements,
  type MinimumRequirementsCheck,
  type YesNoUnknown,
} from '../meldcode/minimum-requirements.ts';
import { SECTOR_RULES } from '../sectors.ts';
import type { MeldcodeFacts, SupervisionFacts } from './organisation-history.ts';
import { currentMeldcode, isSupervisionCurrent, latestSupervision } from './supervision-rules.ts';

/** Where an answer comes from: a supervisor's current finding beats the organisation's own word. */
export type AnswerSource = 'supervision' | 'self-declared' | 'none';

/** A supervisor's answer to one question, with whether it still speaks for the organisation. */
export interface SupervisionAnswer<A extends string> {
  readonly supervisionId: string;
  readonly gemeente: string;
  readonly supervisor: string | null;
  readonly performedOn: IsoDate;
  readonly answer: A;
  readonly note: string | null;
  /** False once a meldcode was submitted after the supervision: then the self-declared answer counts. */
  readonly current: boolean;
}

export interface Q1Status {
  readonly answer: YesNoUnknown;
  readonly source: AnswerSource;
  readonly legalBasis: string | null;
  readonly selfDeclared: { readonly answer: YesNoUnknown; readonly meldcodeId: string | null };
  readonly supervision: SupervisionAnswer<'yes' | 'no'> | null;
}

export interface Q2Status {
  readonly answer: YesNoUnknown;
  readonly source: AnswerSource;
  readonly selfDeclared: MinimumRequirementsCheck & { readonly meldcodeId: string | null };
  /** `check` is the supervisor's element list run through the checklist, where they gave one. */
  readonly supervision: (SupervisionAnswer<'yes' | 'no'> & { readonly check: MinimumRequirementsCheck | null }) | null;
}

export interface Q3Status {
  readonly answer: SufficientAnswer;
  readonly source: AnswerSource;
  readonly selfDeclared: KnowledgeAndUseAssessment;
  readonly supervision: SupervisionAnswer<'sufficient' | 'insufficient'> | null;
}

function supervisionAnswer<A extends string>(
  supervisions: readonly SupervisionFacts[],
  meldcodes: readonly MeldcodeFacts[],
  pick: (s: SupervisionFacts) => { answer: A; note?: string | undefined } | undefined,
): { facts: SupervisionFacts; answer: SupervisionAnswer<A> } | null {
  const facts = latestSupervision(supervisions.filter((s) => pick(s) !== undefined));
  const finding = facts === null ? undefined : pick(facts);
  if (facts === null || finding === undefined) return null;
  return {
    facts,
    answer: {
      supervisionId: facts.supervisionId,
      gemeente: facts.gemeente,
      supervisor: facts.supervisor,
      performedOn: facts.performedOn,
      answer: finding.answer,
      note: finding.note ?? null,
      current: isSupervisionCurrent(facts, meldcodes),
    },
  };
}

function combine<A extends string>(
  selfDeclared: A | 'unknown',
  supervision: SupervisionAnswer<A> | null,
): { answer: A | 'unknown'; source: AnswerSource } {
  if (supervision?.current) return { answer: supervision.answer, source: 'supervision' };
  return { answer: selfDeclared, source: selfDeclared === 'unknown' ? 'none' : 'self-declared' };
}

/** Q1: a meldcode on record says yes; only a supervisor can say no. */
export function q1Status(
  sector: Sector,
  meldcodes: readonly MeldcodeFacts[],
  supervisions: readonly SupervisionFacts[],
): Q1Status {
  const meldcode = currentMeldcode(meldcodes);
  const selfDeclared = {
    answer: meldcode === null ? 'unknown' : 'yes',
    meldcodeId: meldcode?.meldcodeId ?? null,
  } as const;
  const supervision = supervisionAnswer(supervisions, meldcodes, (s) => s.findings.q1)?.answer ?? null;
  return {
    ...combine(selfDeclared.answer, supervision),
    legalBasis: SECTOR_RULES[sector].dutyBasis,
    selfDeclared,
    supervision,
  };
}

/** Q2: the current meldcode through the checklist as of `asOf`, and the supervisor's finding. */
export function q2Status(
  sector: Sector,
  meldcodes: readonly MeldcodeFacts[],
  supervisions: readonly SupervisionFacts[],
  asOf: IsoDate,
): Q2Status {
  const meldcode = currentMeldcode(meldcodes);
  const selfDeclared = {
    ...checkMinimumRequirements(meldcode, { sector, asOf }),
    meldcodeId: meldcode?.meldcodeId ?? null,
  };
  const found = supervisionAnswer(supervisions, meldcodes, (s) => s.findings.q2);
  let supervision: Q2Status['supervision'] = null;
  if (found !== null) {
    const elementsPresent = found.facts.findings.q2?.elementsPresent;
    // The supervisor judged the meldcode in force on the day of the supervision, as the law stood then.
    const seen = currentMeldcode(meldcodes.filter((m) => m.version < found.facts.version));
    const check =
      elementsPresent === undefined
        ? null
        : checkMinimumRequirements(
            { adoptedOn: seen?.adoptedOn ?? found.facts.performedOn, elements: elementsPresent },
            { sector, asOf: found.facts.performedOn },
          );
    supervision = { ...found.answer, check };
  }
  return { ...combine(selfDeclared.answer, supervision), selfDeclared, supervision };
}

/**
 * All promotion measures the organisation ever reported, once each: measures come with meldcode
 * submissions, and a new submission does not undo a training given before it.
 */
export function reportedMeasures(meldcodes: readonly MeldcodeFacts[]): PromotionMeasure[] {
  const seen = new Set<string>();
  const measures: PromotionMeasure[] = [];
  for (const m of meldcodes) {
    for (const measure of m.promotionMeasures) {
      const key = `${measure.kind}|${measure.date}|${measure.reachPercentage ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      measures.push(measure);
    }
  }
  return measures.sort((a, b) => compareIso(a.date, b.date));
}

/** Q3: the reported measures as of `asOf`, and the supervisor's assessment. */
export function q3Status(
  meldcodes: readonly MeldcodeFacts[],
  supervisions: readonly SupervisionFacts[],
  asOf: IsoDate,
): Q3Status {
  const selfDeclared = assessKnowledgeAndUse(reportedMeasures(meldcodes), asOf);
  const supervision = supervisionAnswer(supervisions, meldcodes, (s) => s.findings.q3)?.answer ?? null;
  return { ...combine(selfDeclared.answer, supervision), selfDeclared, supervision };
}
