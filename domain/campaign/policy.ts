import { type IsoDate, SECTORS, type Sector } from '#events/values.ts';
import { isIsoDate } from '../dates.ts';
import { isKinderopvang } from '../sectors.ts';

/** A gemeente's campaign policy: how often each sector is due, and when in the year. */
export interface CampaignPolicy {
  /** Supervise at least every this many years (0 = every year too). */
  readonly intervalYears: Readonly<Record<Sector, number>>;
  /** When campaign entries are due within the campaign year, `MM-DD`. */
  readonly dueMonthDay: string;
}

/**
 * One year for kinderopvang (the GGD inspects kindercentra and gastouderbureaus yearly, Wet
 * kinderopvang art. 1.62; gastouders are only sampled, but a gemeente that wants them less often
 * says so in its policy), three years for everything else; entries due by 31 December.
 */
export const DEFAULT_CAMPAIGN_POLICY: CampaignPolicy = {
  intervalYears: Object.fromEntries(SECTORS.map((s) => [s, isKinderopvang(s) ? 1 : 3])) as Record<Sector, number>,
  dueMonthDay: '12-31',
};

/** The default policy with a gemeente's own choices over it. */
export function campaignPolicy(
  overrides: { intervalYears?: Partial<Record<Sector, number>>; dueMonthDay?: string } = {},
): CampaignPolicy {
  const dueMonthDay = overrides.dueMonthDay ?? DEFAULT_CAMPAIGN_POLICY.dueMonthDay;
  // 2001 is no leap year: a due day of 29 February would not exist in most campaign years.
  if (!isIsoDate(`2001-${dueMonthDay}`))
    throw new RangeError(`dueMonthDay must be a day of every year (MM-DD): ${dueMonthDay}`);
  const intervalYears = { ...DEFAULT_CAMPAIGN_POLICY.intervalYears, ...overrides.intervalYears };
  for (const [sector, years] of Object.entries(intervalYears)) {
    if (!Number.isInteger(years) || years < 0)
      throw new RangeError(`intervalYears.${sector} must be a whole number >= 0`);
  }
  return { intervalYears, dueMonthDay };
}

/** The due date of a campaign entry for a year under a policy. */
export function dueOnFor(year: number, policy: CampaignPolicy): IsoDate {
  return `${String(year).padStart(4, '0')}-${policy.dueMonthDay}`;
}
