/**
 * `config.json` next to the site: `{ "mode": "local" }` from the build (the local runtime, sign-in
 * through `POST /local/token`), or what the CDK stack writes on AWS: the Cognito hosted UI of its
 * user pool, or an external OpenID Connect issuer, plus the API's base (`/`: its own origin).
 */
export interface LocalConfig {
  readonly mode: 'local';
  /** Where the API lives; default the site's own origin. */
  readonly apiBaseUrl?: string;
}

export interface CognitoConfig {
  readonly mode: 'cognito';
  /**
   * The HTTP API's base URL without `/v1`, resolved against this page: the stack writes `/` (the
   * API on the dashboard's own origin, `/v1/*` of its CloudFront distribution, so no CORS). An
   * absolute URL of another origin (`https://abc.execute-api.eu-west-1.amazonaws.com`) needs that
   * API's CORS for this page's origin and the origin in the page's CSP `connect-src`.
   */
  readonly apiBaseUrl: string;
  readonly cognito: {
    /** The hosted UI's base URL, e.g. `https://toezicht.auth.eu-west-1.amazoncognito.com`. */
    readonly domain: string;
    readonly clientId: string;
    /** Default `["openid", "email", "profile"]`. */
    readonly scopes?: readonly string[];
    /** Which token goes to the API; default `access` (the stack's claims trigger puts `gemeente` and `rol` in it). */
    readonly tokenUse?: 'id' | 'access';
    /** Default: this page's URL without query or hash. Must be among the app client's callback URLs. */
    readonly redirectUri?: string;
  };
}

/** Any OpenID Connect issuer (authorization code with PKCE), its endpoints found by discovery. */
export interface OidcConfig {
  readonly mode: 'oidc';
  /** As for Cognito: `/` from the stack. */
  readonly apiBaseUrl: string;
  readonly oidc: {
    readonly issuer: string;
    readonly clientId: string;
    /** Default `["openid", "profile"]`. */
    readonly scopes?: readonly string[];
    /** Default `id`: its audience is the client id, which is what the API's JWT authorizer checks. */
    readonly tokenUse?: 'id' | 'access';
    readonly redirectUri?: string;
  };
}

export type AppConfig = LocalConfig | CognitoConfig | OidcConfig;

function isConfig(value: unknown): value is AppConfig {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as {
    mode?: unknown;
    apiBaseUrl?: unknown;
    cognito?: { domain?: unknown; clientId?: unknown };
    oidc?: { issuer?: unknown; clientId?: unknown };
  };
  if (v.mode === 'local') return true;
  if (typeof v.apiBaseUrl !== 'string') return false;
  if (v.mode === 'cognito') return typeof v.cognito?.domain === 'string' && typeof v.cognito.clientId === 'string';
  if (v.mode === 'oidc') return typeof v.oidc?.issuer === 'string' && typeof v.oidc.clientId === 'string';
  return false;
}

export async function loadConfig(): Promise<AppConfig> {
  const response = await fetch('config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
  const value: unknown = await response.json();
  if (!isConfig(value)) throw new Error('config.json heeft een onbekende vorm');
  return value;
}

export function apiBaseUrl(config: AppConfig): string {
  return (config.apiBaseUrl ?? '').replace(/\/+$/, '');
}
