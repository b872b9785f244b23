import { type AppConfig, apiBaseUrl, type CognitoConfig, type OidcConfig } from './config.ts';

/**
 * Who is signed in. The token is kept in sessionStorage (gone when the tab closes); the claims
 * are read from its payload only to show the gemeente and role and to pick menu items: the API
 * verifies the token and decides every access itself.
 */
export type Rol = 'supervisor' | 'viewer' | 'auditor';

export interface Session {
  readonly token: string;
  readonly sub: string;
  readonly rol: Rol;
  /** Absent for an auditor who acts for no gemeente. */
  readonly gemeente?: string;
  /** Seconds since the epoch. */
  readonly exp: number;
}

const TOKEN_KEY = 'meldcode-toezicht.token';
const PKCE_KEY = 'meldcode-toezicht.pkce';

export const ROL_NAMEN: Record<Rol, string> = {
  supervisor: 'Toezichthouder',
  viewer: 'Raadpleger',
  auditor: 'Auditor',
};

function base64UrlDecode(part: string): string {
  const base64 = part
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

function base64UrlEncode(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The session of a token, or null when it is malformed, names no valid role or has expired. */
export function sessionOf(token: string): Session | null {
  const payloadPart = token.split('.')[1];
  if (!payloadPart) return null;
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(base64UrlDecode(payloadPart)) as Record<string, unknown>;
  } catch {
    return null;
  }
  const claim = (name: string): unknown => claims[name] ?? claims[`custom:${name}`];
  const rol = claim('rol');
  const gemeente = claim('gemeente');
  const exp = claims.exp;
  if (rol !== 'supervisor' && rol !== 'viewer' && rol !== 'auditor') return null;
  if (typeof exp !== 'number' || exp * 1000 <= Date.now()) return null;
  return {
    token,
    sub: typeof claims.sub === 'string' ? claims.sub : '',
    rol,
    ...(typeof gemeente === 'string' && gemeente !== '' ? { gemeente } : {}),
    exp,
  };
}

export function currentSession(): Session | null {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) return null;
  const session = sessionOf(token);
  if (!session) sessionStorage.removeItem(TOKEN_KEY);
  return session;
}

export function storeToken(token: string): Session {
  const session = sessionOf(token);
  if (!session) throw new Error('Het ontvangen token is ongeldig of verlopen');
  sessionStorage.setItem(TOKEN_KEY, token);
  return session;
}

export function clearSession(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** Local runtime only: the gateway's `POST /local/token` mints a token from the local issuer. */
export async function localSignIn(config: AppConfig, gemeente: string | undefined, rol: Rol): Promise<Session> {
  const response = await fetch(`${apiBaseUrl(config)}/local/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ rol, ...(gemeente ? { gemeente } : {}) }),
  });
  const body = (await response.json().catch(() => ({}))) as { token?: string; detail?: string; message?: string };
  if (!response.ok || typeof body.token !== 'string') {
    throw new Error(body.detail ?? body.message ?? `Inloggen mislukt (HTTP ${response.status})`);
  }
  return storeToken(body.token);
}

// --- Cognito hosted UI or another OpenID Connect issuer: authorization code with PKCE -------

/** The endpoints and settings of the sign-in round trip, whichever issuer. */
interface OAuthClient {
  readonly authorizeUrl: string;
  readonly tokenUrl: string;
  readonly logoutUrl: (redirectUri: string) => string | null;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly tokenUse: 'id' | 'access';
  readonly redirectUri: string;
}

export type RemoteConfig = CognitoConfig | OidcConfig;

function defaultRedirectUri(): string {
  return `${location.origin}${location.pathname}`;
}

async function oauthClient(config: RemoteConfig): Promise<OAuthClient> {
  if (config.mode === 'cognito') {
    const { domain, clientId } = config.cognito;
    return {
      authorizeUrl: new URL('/oauth2/authorize', domain).toString(),
      tokenUrl: new URL('/oauth2/token', domain).toString(),
      logoutUrl: (redirectUri) => {
        const url = new URL('/logout', domain);
        url.searchParams.set('client_id', clientId);
        url.searchParams.set('logout_uri', redirectUri);
        return url.toString();
      },
      clientId,
      scopes: config.cognito.scopes ?? ['openid', 'email', 'profile'],
      tokenUse: config.cognito.tokenUse ?? 'access',
      redirectUri: config.cognito.redirectUri ?? defaultRedirectUri(),
    };
  }
  const issuer = config.oidc.issuer.replace(/\/+$/, '');
  const response = await fetch(`${issuer}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`De inlogdienst is niet bereikbaar (HTTP ${response.status})`);
  const discovery = (await response.json()) as {
    authorization_endpoint?: string;
    token_endpoint?: string;
    end_session_endpoint?: string;
  };
  if (!discovery.authorization_endpoint || !discovery.token_endpoint)
    throw new Error('De inlogdienst noemt geen endpoints');
  const endSession = discovery.end_session_endpoint;
  return {
    authorizeUrl: discovery.authorization_endpoint,
    tokenUrl: discovery.token_endpoint,
    logoutUrl: (redirectUri) => {
      if (!endSession) return null;
      const url = new URL(endSession);
      url.searchParams.set('client_id', config.oidc.clientId);
      url.searchParams.set('post_logout_redirect_uri', redirectUri);
      return url.toString();
    },
    clientId: config.oidc.clientId,
    scopes: config.oidc.scopes ?? ['openid', 'profile'],
    tokenUse: config.oidc.tokenUse ?? 'id',
    redirectUri: config.oidc.redirectUri ?? defaultRedirectUri(),
  };
}

function randomString(bytes = 32): string {
  return base64UrlEncode(crypto.getRandomValues(new Uint8Array(bytes)));
}

async function challengeOf(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64UrlEncode(new Uint8Array(digest));
}

/** Sends the browser to the issuer's sign-in page; it comes back with `?code=…&state=…`. */
export async function startRemoteSignIn(config: RemoteConfig, returnTo: string): Promise<void> {
  const client = await oauthClient(config);
  const verifier = randomString(48);
  const state = randomString(16);
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state, returnTo }));
  const url = new URL(client.authorizeUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', client.clientId);
  url.searchParams.set('redirect_uri', client.redirectUri);
  url.searchParams.set('scope', client.scopes.join(' '));
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('code_challenge', await challengeOf(verifier));
  location.assign(url.toString());
}

/**
 * Completes the sign-in round trip when the page was opened with `?code=…`: exchanges the code
 * (with the PKCE verifier) for tokens, stores the one the API accepts and cleans the address bar.
 * Returns the hash to go to, or null when this was not a sign-in callback.
 */
export async function completeRemoteSignIn(config: RemoteConfig): Promise<string | null> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  const error = params.get('error');
  if (!code && !error) return null;
  const saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) ?? 'null') as {
    verifier: string;
    state: string;
    returnTo: string;
  } | null;
  sessionStorage.removeItem(PKCE_KEY);
  history.replaceState(null, '', `${location.pathname}${location.hash}`);
  if (error) throw new Error(`Inloggen geweigerd: ${params.get('error_description') ?? error}`);
  if (!saved || saved.state !== params.get('state')) throw new Error('Inloggen mislukt: de status klopt niet');
  const client = await oauthClient(config);
  const response = await fetch(client.tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: client.clientId,
      code: code ?? '',
      redirect_uri: client.redirectUri,
      code_verifier: saved.verifier,
    }),
  });
  const tokens = (await response.json().catch(() => ({}))) as { id_token?: string; access_token?: string };
  const token = client.tokenUse === 'access' ? tokens.access_token : tokens.id_token;
  if (!response.ok || !token) throw new Error(`Inloggen mislukt (HTTP ${response.status})`);
  storeToken(token);
  return saved.returnTo;
}

/** Signs out here and, on AWS, at the issuer too (where it offers that). */
export async function signOut(config: AppConfig): Promise<void> {
  clearSession();
  if (config.mode !== 'local') {
    const client = await oauthClient(config).catch(() => null);
    const url = client?.logoutUrl(client.redirectUri);
    if (url) {
      location.assign(url);
      return;
    }
  }
  location.hash = '#/inloggen';
}
