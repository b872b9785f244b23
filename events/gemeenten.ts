import { z } from 'zod';
import gemeenten2025 from './data/gemeenten-2025.json' with { type: 'json' };

/** One gemeente as CBS lists it on 1 January of a year (columns of `data/gemeenten-YYYY.csv`). */
export interface Gemeente {
  readonly code: string;
  readonly name: string;
  readonly province: string;
  readonly safetyRegionCode: string;
  readonly safetyRegionName: string;
}

/**
 * The CBS list per year. CBS changes it on 1 January when gemeenten merge, so the list is data,
 * versioned by year: add next year's file here, never hard-code a code elsewhere.
 */
const gemeentenByYear: Readonly<Record<number, readonly Gemeente[]>> = {
  2025: gemeenten2025,
};

export const CURRENT_GEMEENTEN_YEAR = 2025;

export function gemeentenList(year: number = CURRENT_GEMEENTEN_YEAR): readonly Gemeente[] {
  const list = gemeentenByYear[year];
  if (!list) throw new RangeError(`No gemeenten list for ${year}`);
  return list;
}

const currentByCode = new Map(gemeentenList().map((g) => [g.code, g]));

export function findGemeente(code: string): Gemeente | undefined {
  return currentByCode.get(code);
}

export const gemeentecodeSchema = z
  .string()
  .regex(/^GM\d{4}$/, 'gemeentecode is GM followed by 4 digits, e.g. GM0363')
  .refine((code) => currentByCode.has(code), {
    message: `unknown gemeentecode: not among the ${currentByCode.size} gemeenten of ${CURRENT_GEMEENTEN_YEAR}`,
  });
export type Gemeentecode = z.infer<typeof gemeentecodeSchema>;
