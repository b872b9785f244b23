import * as z from 'zod';
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
 * A year's list as stored in `data/gemeenten-YYYY.json`: one row per gemeente with the values of
 * `columns` in that order, and each safety region's name once, by its code. Compact because every
 * function bundle carries the list (as objects it was 39 KiB of each bundle, as rows 15 KiB).
 */
interface GemeentenFile {
  readonly columns: readonly string[];
  readonly safetyRegions: Readonly<Record<string, string>>;
  readonly gemeenten: readonly (readonly string[])[];
}

const COLUMNS = ['code', 'name', 'province', 'safetyRegionCode'];

function decode(year: number, file: GemeentenFile): readonly Gemeente[] {
  if (file.columns.join() !== COLUMNS.join()) throw new Error(`gemeenten-${year}.json: columns are not ${COLUMNS}`);
  return file.gemeenten.map(([code, name, province, safetyRegionCode]) => {
    const safetyRegionName = safetyRegionCode === undefined ? undefined : file.safetyRegions[safetyRegionCode];
    if (
      code === undefined ||
      name === undefined ||
      province === undefined ||
      safetyRegionCode === undefined ||
      safetyRegionName === undefined
    )
      throw new Error(`gemeenten-${year}.json: incomplete row ${code}`);
    return { code, name, province, safetyRegionCode, safetyRegionName };
  });
}

/**
 * The CBS list per year. CBS changes it on 1 January when gemeenten merge, so the list is data,
 * versioned by year: add next year's file here, never hard-code a code elsewhere.
 */
const gemeentenFiles: Readonly<Record<number, GemeentenFile>> = {
  2025: gemeenten2025,
};
const gemeentenByYear = new Map<number, readonly Gemeente[]>();

export const CURRENT_GEMEENTEN_YEAR = 2025;

export function gemeentenList(year: number = CURRENT_GEMEENTEN_YEAR): readonly Gemeente[] {
  const cached = gemeentenByYear.get(year);
  if (cached) return cached;
  const file = gemeentenFiles[year];
  if (!file) throw new RangeError(`No gemeenten list for ${year}`);
  const list = decode(year, file);
  gemeentenByYear.set(year, list);
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
