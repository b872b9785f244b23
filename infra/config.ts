/**
 * The stack's settings, read from CDK context (`cdk.json` or `-c key=value`). Every key is
 * optional except `stage`, which `cdk.json` sets to `dev`. Values from the command line are strings,
 * values from `cdk.json` may be JSON; both are accepted. Anything invalid stops the synth with a
 * message naming the key.
 */

export type Stage = 'dev' | 'prod';

/** `bundle`: esbuild bundles every handler (the default, and what deploys). `stub`: inline placeholder
 * code, for tests and for reading the template before the handlers exist; never deploy it. */
export type FunctionCode = 'bundle' | 'stub';

export interface OidcConfig {
  readonly issuer: string;
  readonly audience: readonly string[];
}

export interface StackConfig {
  readonly stage: Stage;
  /** Alarm notifications go to this address (an SNS e-mail subscription to confirm once). */
  readonly alarmEmail?: string;
  /** An external OpenID Connect issuer instead of the stack's Cognito user pool. */
  readonly oidc?: OidcConfig;
  /** Browser origins allowed to call the API besides the dashboard's own CloudFront origin. */
  readonly corsOrigins: readonly string[];
  readonly apiThrottle: { readonly rateLimit: number; readonly burstLimit: number };
  /** Prefix of the Cognito hosted UI domain; default `meldcode-<stage>-<account id>`. */
  readonly cognitoDomainPrefix?: string;
  readonly functionCode: FunctionCode;
  /** Run cdk-nag's AwsSolutions pack during synth (default true): an unsuppressed error fails it. */
  readonly nag: boolean;
}

export const CONTEXT_KEYS = [
  'stage',
  'alarmEmail',
  'oidcIssuer',
  'oidcAudience',
  'corsOrigins',
  'apiRateLimit',
  'apiBurstLimit',
  'cognitoDomainPrefix',
  'functionCode',
  'nag',
] as const;

export type ContextKey = (typeof CONTEXT_KEYS)[number];

export class ConfigError extends Error {
  constructor(key: ContextKey, message: string) {
    super(`CDK context '${key}': ${message}`);
    this.name = 'ConfigError';
  }
}

const DEFAULT_THROTTLE = { rateLimit: 50, burstLimit: 100 };

/** Reads and validates the stack settings; `get` is usually `(key) => app.node.tryGetContext(key)`. */
export function readStackConfig(get: (key: ContextKey) => unknown): StackConfig {
  const stage = optionalString(get, 'stage') ?? 'dev';
  if (stage !== 'dev' && stage !== 'prod') throw new ConfigError('stage', `expected 'dev' or 'prod', got '${stage}'`);

  const alarmEmail = optionalString(get, 'alarmEmail');
  if (alarmEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(alarmEmail)) {
    throw new ConfigError('alarmEmail', `not an e-mail address: '${alarmEmail}'`);
  }

  const issuer = optionalString(get, 'oidcIssuer');
  const audience = stringList(get, 'oidcAudience');
  let oidc: OidcConfig | undefined;
  if (issuer !== undefined) {
    if (!/^https:\/\/[^\s]+$/.test(issuer))
      throw new ConfigError('oidcIssuer', `must be an https URL, got '${issuer}'`);
    if (audience.length === 0) throw new ConfigError('oidcAudience', 'required with oidcIssuer');
    oidc = { issuer, audience };
  } else if (audience.length > 0) {
    throw new ConfigError('oidcAudience', 'given without oidcIssuer');
  }

  const corsOrigins = stringList(get, 'corsOrigins');
  for (const origin of corsOrigins) {
    const local = /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(origin);
    if (!local && !/^https:\/\/[a-z0-9.-]+(:\d+)?$/i.test(origin)) {
      throw new ConfigError(
        'corsOrigins',
        `'${origin}' is not an origin (https://host[:port], or http://localhost[:port]; no path, no '*')`,
      );
    }
  }

  const cognitoDomainPrefix = optionalString(get, 'cognitoDomainPrefix');
  if (cognitoDomainPrefix !== undefined && !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(cognitoDomainPrefix)) {
    throw new ConfigError(
      'cognitoDomainPrefix',
      `lower-case letters, digits and hyphens only: '${cognitoDomainPrefix}'`,
    );
  }

  const functionCode = optionalString(get, 'functionCode') ?? 'bundle';
  if (functionCode !== 'bundle' && functionCode !== 'stub') {
    throw new ConfigError('functionCode', `expected 'bundle' or 'stub', got '${functionCode}'`);
  }

  return {
    stage,
    alarmEmail,
    oidc,
    corsOrigins,
    apiThrottle: {
      rateLimit: positiveInteger(get, 'apiRateLimit') ?? DEFAULT_THROTTLE.rateLimit,
      burstLimit: positiveInteger(get, 'apiBurstLimit') ?? DEFAULT_THROTTLE.burstLimit,
    },
    cognitoDomainPrefix,
    functionCode,
    nag: optionalBoolean(get, 'nag') ?? true,
  };
}

function optionalString(get: (key: ContextKey) => unknown, key: ContextKey): string | undefined {
  const value = get(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new ConfigError(key, `expected a string, got ${JSON.stringify(value)}`);
  return value.trim();
}

/** A JSON array of strings or a comma-separated string. */
function stringList(get: (key: ContextKey) => unknown, key: ContextKey): string[] {
  const value = get(key);
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.map((item) => item.trim());
  if (typeof value === 'string') {
    return value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }
  throw new ConfigError(key, `expected a list of strings, got ${JSON.stringify(value)}`);
}

function positiveInteger(get: (key: ContextKey) => unknown, key: ContextKey): number | undefined {
  const value = get(key);
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number <= 0) {
    throw new ConfigError(key, `expected a positive integer, got ${JSON.stringify(value)}`);
  }
  return number;
}

function optionalBoolean(get: (key: ContextKey) => unknown, key: ContextKey): boolean | undefined {
  const value = get(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new ConfigError(key, `expected true or false, got ${JSON.stringify(value)}`);
}
