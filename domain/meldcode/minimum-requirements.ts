import type { IsoDate, MeldcodeElementId, Sector } from '#events/values.ts';
import { maxDate } from '../dates.ts';
import {
  ELEMENT_REQUIREMENTS,
  type ElementRequirement,
  type MeldcodeVariant,
  RECOMMENDATIONS,
  type Recommendation,
  VARIANT_OF_SECTOR,
} from './requirements.ts';

/** Q1 and Q2 answers; Q3 has its own scale. */
export type YesNoUnknown = 'yes' | 'no' | 'unknown';

export type ElementStatus = 'present' | 'missing' | 'not-applicable';

export interface ElementCheck {
  readonly id: MeldcodeElementId;
  readonly kind: 'element' | 'step';
  readonly title: string;
  readonly status: ElementStatus;
  /** The article the element rests on, for this sector's variant. */
  readonly legalBasis: string;
  /** Why an element does not apply, or that it is present though not required. */
  readonly note: string | null;
}

export interface Advice {
  readonly id: Recommendation['id'];
  readonly title: string;
  readonly basis: string;
  /** `absent` is advice to add it, never a breach. */
  readonly status: 'present' | 'absent' | 'unknown';
}

export interface MinimumRequirementsCheck {
  readonly answer: YesNoUnknown;
  /**
   * The day the meldcode was judged for: which elements are required depends on it (afwegingskader).
   * The reference date, or the adoption date when that is later (a meldcode is in force from then).
   */
  readonly asOf: IsoDate;
  readonly variant: MeldcodeVariant;
  readonly elements: readonly ElementCheck[];
  /** The ids of the required elements that are missing: empty when the answer is yes. */
  readonly missing: readonly MeldcodeElementId[];
  readonly advice: readonly Advice[];
}

/** What the check reads of a meldcode: the self-declared submission, or a supervisor's list. */
export interface MeldcodeToCheck {
  readonly adoptedOn: IsoDate;
  readonly elements: readonly MeldcodeElementId[];
  readonly attentionOfficer?: boolean | null | undefined;
  readonly recordsKept?: boolean | null | undefined;
}

export interface MinimumRequirementsOptions {
  readonly sector: Sector;
  /**
   * The reference date: the meldcode is judged as the law stood that day. A meldcode adopted in
   * 2018 without an afwegingskader passes on 2018-12-31 and fails from 2019-01-01, because from
   * then on it is in force without a required element.
   */
  readonly asOf: IsoDate;
  /** Conditional elements a supervisor judged not applicable to this organisation. */
  readonly notApplicable?: readonly MeldcodeElementId[];
  /** Overrides the sector default for the verwijsindex (Jeugdwet art. 7.1.1.2 entitlement). */
  readonly jeugdwetEntitled?: boolean;
  /** An amended checklist; defaults to `ELEMENT_REQUIREMENTS`. */
  readonly requirements?: readonly ElementRequirement[];
}

function applicability(
  requirement: ElementRequirement,
  options: MinimumRequirementsOptions,
  judgedOn: IsoDate,
): { applies: true } | { applies: false; because: string } {
  if (requirement.requiredFrom !== undefined && judgedOn < requirement.requiredFrom) {
    return { applies: false, because: `vereist vanaf ${requirement.requiredFrom}` };
  }
  if (requirement.conditional && options.notApplicable?.includes(requirement.id)) {
    return { applies: false, because: 'door de toezichthouder niet van toepassing geacht' };
  }
  const bySector = requirement.appliesTo.includes(options.sector);
  const applies =
    requirement.id === 'verwijsindex' && options.jeugdwetEntitled !== undefined ? options.jeugdwetEntitled : bySector;
  if (applies) return { applies: true };
  return { applies: false, because: requirement.notApplicableBecause ?? `niet voor sector ${options.sector}` };
}

function adviceStatus(recommendation: Recommendation, meldcode: MeldcodeToCheck): Advice['status'] {
  const known = (value: boolean | null | undefined): Advice['status'] =>
    value === true ? 'present' : value === false ? 'absent' : 'unknown';
  switch (recommendation.id) {
    case 'aandachtsfunctionaris':
      return known(meldcode.attentionOfficer);
    case 'vastleggen':
      return known(meldcode.recordsKept);
    case 'bijzondere-vormen-benoemd':
      return meldcode.elements.includes('specialForms') ? 'unknown' : 'absent';
    case 'meldplicht-medewerker':
      return 'unknown';
  }
}

/**
 * Q2: does the meldcode meet the legal minimum? Per element and step: present, missing or not
 * applicable (for this sector's variant, on this date), each with its legal basis; the answer is
 * `no` when any required element is missing, `yes` otherwise, and `unknown` when there is no
 * meldcode to check. Recommendations (aandachtsfunctionaris, vastleggen, ...) come back as advice
 * and never change the answer.
 */
export function checkMinimumRequirements(
  meldcode: MeldcodeToCheck | null,
  options: MinimumRequirementsOptions,
): MinimumRequirementsCheck {
  const variant = VARIANT_OF_SECTOR[options.sector];
  if (meldcode === null) {
    return { answer: 'unknown', asOf: options.asOf, variant, elements: [], missing: [], advice: [] };
  }
  // A meldcode is never judged for a day before it was adopted: that is the first day it is in force.
  const judgedOn = maxDate(meldcode.adoptedOn, options.asOf);
  const elements = (options.requirements ?? ELEMENT_REQUIREMENTS).map((requirement): ElementCheck => {
    const present = meldcode.elements.includes(requirement.id);
    const rule = applicability(requirement, options, judgedOn);
    return {
      id: requirement.id,
      kind: requirement.kind,
      title: requirement.titleByVariant?.[variant] ?? requirement.title,
      legalBasis: requirement.legalBasis[variant],
      status: rule.applies ? (present ? 'present' : 'missing') : 'not-applicable',
      note: rule.applies ? null : present ? `aanwezig, niet vereist: ${rule.because}` : rule.because,
    };
  });
  const missing = elements.filter((e) => e.status === 'missing').map((e) => e.id);
  const advice = RECOMMENDATIONS.filter((r) => r.appliesTo.includes(options.sector)).map(
    (r): Advice => ({ id: r.id, title: r.title, basis: r.basis, status: adviceStatus(r, meldcode) }),
  );
  return { answer: missing.length > 0 ? 'no' : 'yes', asOf: judgedOn, variant, elements, missing, advice };
}
