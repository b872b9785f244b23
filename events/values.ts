import * as z from 'zod';

/** A calendar date without time, `YYYY-MM-DD`, checked to exist (no 2025-02-30). */
export const isoDateSchema = z.iso.date();
export type IsoDate = z.infer<typeof isoDateSchema>;

/** A UTC timestamp with `Z`, as stored in `occurredAt` and `recordedAt`. */
export const utcTimestampSchema = z.iso.datetime();

export const kvkNumberSchema = z.string().regex(/^\d{8}$/, 'KvK-nummer is 8 digits');
export const branchNumberSchema = z.string().regex(/^\d{12}$/, 'vestigingsnummer is 12 digits');
export const lrkNumberSchema = z.string().regex(/^\d{9}$/, 'LRK-nummer is 9 digits');

export const SECTORS = [
  'wmo',
  'kinderopvang-kindercentrum',
  'kinderopvang-gastouderbureau',
  'gastouderopvang',
  'gemeentelijke-dienst',
  'jeugdhulp',
  'onderwijs',
  'zorg',
  'vrijwilligersorganisatie',
] as const;
export const sectorSchema = z.enum(SECTORS);
export type Sector = z.infer<typeof sectorSchema>;

/** Elements of Besluit verplichte meldcode art. 2(1) and the five steps of art. 2(2), by id. */
export const MELDCODE_ELEMENT_IDS = [
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
export const meldcodeElementIdSchema = z.enum(MELDCODE_ELEMENT_IDS);
export type MeldcodeElementId = z.infer<typeof meldcodeElementIdSchema>;

/** What an organisation does so that staff know and use the meldcode (Q3). */
export const PROMOTION_MEASURE_KINDS = [
  'voorlichting',
  'scholing',
  'training',
  'e-learning',
  'intervisie',
  'introductie-nieuwe-medewerkers',
] as const;
export const promotionMeasureKindSchema = z.enum(PROMOTION_MEASURE_KINDS);

export const promotionMeasureSchema = z.strictObject({
  kind: promotionMeasureKindSchema,
  date: isoDateSchema,
  /** Share of staff reached, 0-100, where known. */
  reachPercentage: z.number().min(0).max(100).optional(),
});
export type PromotionMeasure = z.infer<typeof promotionMeasureSchema>;

export const QUESTIONS = ['Q1', 'Q2', 'Q3'] as const;
export const questionSchema = z.enum(QUESTIONS);
export type Question = z.infer<typeof questionSchema>;

export const VERDICTS = ['compliant', 'partially-compliant', 'non-compliant'] as const;
export const verdictSchema = z.enum(VERDICTS);
export type Verdict = z.infer<typeof verdictSchema>;

export const ROLES = ['supervisor', 'viewer', 'auditor'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const CAMPAIGN_REASONS = [
  'no-meldcode',
  'last-verdict-not-compliant',
  'follow-up-deadline-passed',
  'meldcode-changed',
  'interval-elapsed',
  'never-supervised',
] as const;
export const campaignReasonSchema = z.enum(CAMPAIGN_REASONS);
export type CampaignReason = z.infer<typeof campaignReasonSchema>;

/** ULIDs identify organisations, meldcodes, supervisions and agreements. */
export const ulidSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'expected a ULID');
