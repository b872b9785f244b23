import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';

/** The local issuer's name and audience: the only difference from Cognito is configuration. */
export const LOCAL_ISSUER = 'urn:meldcode-toezicht:local-issuer';
export const LOCAL_AUDIENCE = 'meldcode-toezicht';
const ALG = 'ES256';

export interface TokenClaims {
  readonly sub?: string;
  readonly gemeente?: string;
  readonly rol: 'supervisor' | 'viewer' | 'auditor';
  /** Lifetime in seconds (default 8 hours); negative gives an expired token (for tests). */
  readonly expiresInSeconds?: number;
}

export interface LocalIssuer {
  readonly issuer: string;
  readonly audience: string;
  readonly publicJwk: JWK;
  mint(claims: TokenClaims): Promise<string>;
  /** The claims of a valid token, or null (bad signature, expired, wrong issuer or audience). */
  verify(token: string): Promise<JWTPayload | null>;
}

type KeyLike = CryptoKey | Uint8Array;

/**
 * The local JWT issuer (ES256). Its key pair lives in `<dataDir>/issuer/` so tokens minted by
 * `npm run token` are valid for `npm start` and survive restarts; without a folder (tests) the
 * keys live in memory only.
 */
export async function localIssuer(dataDir?: string): Promise<LocalIssuer> {
  let privateJwk: JWK;
  let publicJwk: JWK;
  const folder = dataDir ? join(dataDir, 'issuer') : undefined;
  const privatePath = folder ? join(folder, 'private.jwk.json') : undefined;
  const publicPath = folder ? join(folder, 'public.jwk.json') : undefined;
  if (privatePath && publicPath && existsSync(privatePath) && existsSync(publicPath)) {
    privateJwk = JSON.parse(readFileSync(privatePath, 'utf8')) as JWK;
    publicJwk = JSON.parse(readFileSync(publicPath, 'utf8')) as JWK;
  } else {
    const pair = await generateKeyPair(ALG, { extractable: true });
    privateJwk = { ...(await exportJWK(pair.privateKey)), alg: ALG, kid: 'local-1' };
    publicJwk = { ...(await exportJWK(pair.publicKey)), alg: ALG, kid: 'local-1', use: 'sig' };
    if (folder && privatePath && publicPath) {
      mkdirSync(folder, { recursive: true });
      writeFileSync(privatePath, JSON.stringify(privateJwk), { mode: 0o600 });
      writeFileSync(publicPath, JSON.stringify(publicJwk));
    }
  }
  const privateKey = (await importJWK(privateJwk, ALG)) as KeyLike;
  const publicKey = (await importJWK(publicJwk, ALG)) as KeyLike;

  return {
    issuer: LOCAL_ISSUER,
    audience: LOCAL_AUDIENCE,
    publicJwk,
    mint: async (claims) => {
      const now = Math.floor(Date.now() / 1000);
      const lifetime = claims.expiresInSeconds ?? 8 * 3600;
      const sub = claims.sub ?? `lokaal-${claims.rol}-${claims.gemeente ?? 'alle'}`;
      return new SignJWT({ rol: claims.rol, ...(claims.gemeente ? { gemeente: claims.gemeente } : {}) })
        .setProtectedHeader({ alg: ALG, kid: publicJwk.kid ?? 'local-1', typ: 'JWT' })
        .setSubject(sub)
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt(lifetime < 0 ? now + lifetime - 60 : now)
        .setExpirationTime(now + lifetime)
        .sign(privateKey);
    },
    verify: async (token) => {
      try {
        const { payload } = await jwtVerify(token, publicKey, {
          issuer: LOCAL_ISSUER,
          audience: LOCAL_AUDIENCE,
          algorithms: [ALG],
        });
        return payload;
      } catch {
        return null;
      }
    },
  };
}
