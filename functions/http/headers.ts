import { API_VERSION, functionConfig } from '../config.ts';

/** Sent on every response (CONVENTIONS.md, NL API Design Rules). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
};

export const EXPOSED_HEADERS = 'API-Version, ETag, Location, Retry-After';
export const ALLOWED_REQUEST_HEADERS = 'Authorization, Content-Type, Idempotency-Key, If-Match';
export const ALLOWED_METHODS = 'GET, POST, DELETE, OPTIONS';

export type CorsPolicy = 'allow-list' | 'open';

/**
 * CORS by allow-list (`CORS_ALLOWED_ORIGINS`), never `*`, except for the public OpenAPI document.
 * Shared by the handlers and by the local gateway's answer to preflight requests.
 */
export function corsHeaders(origin: string | undefined, policy: CorsPolicy): Record<string, string> {
  if (policy === 'open') {
    return { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': EXPOSED_HEADERS };
  }
  const headers: Record<string, string> = { Vary: 'Origin' };
  if (origin && functionConfig().corsAllowedOrigins.includes(origin)) {
    headers['Access-Control-Allow-Origin'] = origin;
    headers['Access-Control-Expose-Headers'] = EXPOSED_HEADERS;
  }
  return headers;
}

/** The answer to a CORS preflight (`OPTIONS`), as API Gateway's CORS configuration gives it. */
export function preflightHeaders(origin: string | undefined, policy: CorsPolicy): Record<string, string> {
  const headers = corsHeaders(origin, policy);
  if (!headers['Access-Control-Allow-Origin']) return headers;
  return {
    ...headers,
    'Access-Control-Allow-Methods': ALLOWED_METHODS,
    'Access-Control-Allow-Headers': ALLOWED_REQUEST_HEADERS,
    'Access-Control-Max-Age': '600',
  };
}

export function standardHeaders(origin: string | undefined, policy: CorsPolicy): Record<string, string> {
  return { ...SECURITY_HEADERS, 'API-Version': API_VERSION, ...corsHeaders(origin, policy) };
}
