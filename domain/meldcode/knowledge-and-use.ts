import type { IsoDate, PromotionMeasure } from '#events/values.ts';
import { addMonths } from '../dates.ts';

export type SufficientAnswer = 'sufficient' | 'insufficient' | 'unknown';

/** Why Q3 came out as it did, so the view can say it in words. */
export type KnowledgeAndUseReason =
  | 'no-measures-known'
  | 'no-recent-measure'
  | 'reach-too-low'
  | 'recent-measure-reaching-most-staff'
  | 'recent-measure-reach-unknown';

export interface KnowledgeAndUseRule {
  /** How far back a measure counts, in months before the reference date. */
  readonly windowMonths: number;
  /** Reach must be above this share of staff (percent) where reach is given. */
  readonly reachAbovePercentage: number;
  readonly legalBasis: string;
}

/** "bevordert de kennis en het gebruik van de meldcode": at least one measure a year, reaching most staff. */
export const KNOWLEDGE_AND_USE_RULE: KnowledgeAndUseRule = {
  windowMonths: 12,
  reachAbovePercentage: 50,
  legalBasis: 'Wmo 2015 art. 3.3; Wet kinderopvang art. 1.51a ("bevordert de kennis en het gebruik van de meldcode")',
};

export interface KnowledgeAndUseAssessment {
  readonly answer: SufficientAnswer;
  readonly reason: KnowledgeAndUseReason;
  readonly asOf: IsoDate;
  /** The first day of the window: measures on or after it (and not after `asOf`) count. */
  readonly windowStart: IsoDate;
  readonly measures: readonly PromotionMeasure[];
  readonly recentMeasures: readonly PromotionMeasure[];
  /** The highest reach among the recent measures that give one; null when none does. */
  readonly bestRecentReach: number | null;
  readonly legalBasis: string;
}

/**
 * Q3: does the organisation promote knowledge and use of its meldcode? `sufficient` needs at least
 * one measure in the 12 months up to the reference date (from the same day a year earlier,
 * inclusive) and, where the recent measures give a reach, one that reached most staff (> 50%).
 * Reach is not added up across measures: the same people often attend several. `unknown` when no
 * measure is known at all; `insufficient` otherwise. Measures after the reference date are plans,
 * not facts, and do not count.
 */
export function assessKnowledgeAndUse(
  measures: readonly PromotionMeasure[],
  asOf: IsoDate,
  rule: KnowledgeAndUseRule = KNOWLEDGE_AND_USE_RULE,
): KnowledgeAndUseAssessment {
  const windowStart = addMonths(asOf, -rule.windowMonths);
  const recentMeasures = measures.filter((m) => m.date >= windowStart && m.date <= asOf);
  const reaches = recentMeasures.flatMap((m) => (m.reachPercentage === undefined ? [] : [m.reachPercentage]));
  const bestRecentReach = reaches.length > 0 ? Math.max(...reaches) : null;
  const base = { asOf, windowStart, measures, recentMeasures, bestRecentReach, legalBasis: rule.legalBasis };
  if (measures.length === 0) return { ...base, answer: 'unknown', reason: 'no-measures-known' };
  if (recentMeasures.length === 0) return { ...base, answer: 'insufficient', reason: 'no-recent-measure' };
  if (bestRecentReach === null) return { ...base, answer: 'sufficient', reason: 'recent-measure-reach-unknown' };
  return bestRecentReach > rule.reachAbovePercentage
    ? { ...base, answer: 'sufficient', reason: 'recent-measure-reaching-most-staff' }
    : { ...base, answer: 'insufficient', reason: 'reach-too-low' };
}
