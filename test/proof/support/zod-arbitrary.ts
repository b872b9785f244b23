import fc from 'fast-check';
import { z } from 'zod';

/**
 * fast-check arbitraries derived from the API's own zod request schemas (through zod's JSON Schema,
 * the same document the OpenAPI description is generated from): objects with their required and
 * optional members, enums, patterns, lengths, dates and arrays. The values are mostly valid, so
 * requests get past the first check and reach the deeper ones; the hostile layer (hostile-input.ts)
 * then breaks them in targeted ways.
 */
type JsonSchema = {
  readonly $ref?: string;
  readonly $defs?: Readonly<Record<string, JsonSchema>>;
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly allOf?: readonly JsonSchema[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly pattern?: string;
  readonly format?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly default?: unknown;
};

/** A hook to supply values the schema alone cannot (known gemeentecodes, existing organisation ids). */
export type Hint = (name: string, node: JsonSchema) => fc.Arbitrary<unknown> | undefined;

export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

const isoDay = (date: Date): string => date.toISOString().slice(0, 10);

/** Dates from 1990 to a month ahead: mostly past (valid), some in the future (refused). */
export const dateArbitrary: fc.Arbitrary<string> = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date(Date.now() + 30 * 86_400_000), noInvalidDate: true })
  .map(isoDay);

/** Any JSON value, small: for members the schema leaves open. */
export const anyJson: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 2 });

/** The arbitrary of a zod schema; `hint` may replace any member's arbitrary by name. */
export function arbitraryOf(schema: z.ZodType, hint: Hint = () => undefined): fc.Arbitrary<unknown> {
  const root = jsonSchemaOf(schema);
  const defs = root.$defs ?? {};
  const resolve = (node: JsonSchema): JsonSchema => {
    if (!node.$ref) return node;
    const name = node.$ref.replace(/^#\/\$defs\//, '');
    const target = defs[name];
    if (!target) throw new Error(`unknown $ref ${node.$ref}`);
    return resolve(target);
  };

  const build = (raw: JsonSchema, name: string): fc.Arbitrary<unknown> => {
    const node = resolve(raw);
    const hinted = hint(name, node);
    if (hinted) return hinted;
    if (node.const !== undefined) return fc.constant(node.const);
    if (node.enum) return fc.constantFrom(...node.enum);
    if (node.anyOf ?? node.oneOf) return fc.oneof(...(node.anyOf ?? node.oneOf ?? []).map((n) => build(n, name)));
    if (node.allOf?.[0]) return build(node.allOf[0], name);
    const type = Array.isArray(node.type) ? node.type[0] : node.type;
    switch (type) {
      case 'object': {
        const properties = node.properties ?? {};
        const model: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [key, child] of Object.entries(properties)) model[key] = build(child, key);
        return fc.record(model, { requiredKeys: (node.required ?? []).filter((key) => key in properties) });
      }
      case 'array': {
        const item = node.items ? build(node.items, name) : anyJson;
        const minLength = node.minItems ?? 0;
        const maxLength = Math.max(minLength, Math.min(node.maxItems ?? 4, 4));
        return fc.uniqueArray(item, { minLength, maxLength, selector: (value) => JSON.stringify(value) });
      }
      case 'string': {
        if (node.format === 'date') return dateArbitrary;
        if (node.pattern) return fc.stringMatching(new RegExp(node.pattern));
        const minLength = node.minLength ?? 0;
        const maxLength = Math.max(minLength, Math.min(node.maxLength ?? 40, 40));
        return fc.string({ minLength, maxLength, unit: 'grapheme' }).filter((s) => s.trim().length >= minLength);
      }
      case 'integer':
        return fc.integer({ min: Math.ceil(node.minimum ?? -1000), max: Math.floor(node.maximum ?? 1000) });
      case 'number':
        return fc.double({ min: node.minimum ?? -1e6, max: node.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true });
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      default:
        return anyJson;
    }
  };
  return build(root, '');
}
