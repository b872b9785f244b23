import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { type CorsPolicy, preflightHeaders } from '#functions/http/headers.ts';
import type { HttpMethod } from '#infra/wiring.ts';
import { readBody } from './idle.ts';
import type { LocalIssuer } from './issuer.ts';
import { LOCAL_ACCOUNT, type LocalFunction } from './lambda.ts';

/** API Gateway HTTP APIs take request bodies up to 10 MB. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

export interface GatewayRoute {
  readonly method: HttpMethod;
  readonly path: string;
  readonly auth: 'jwt' | 'none';
  readonly fn: LocalFunction;
}

export interface GatewayOptions {
  readonly port: number;
  readonly routes: readonly GatewayRoute[];
  /** The `$default` route (problem+json 404), if the manifest has one. */
  readonly defaultRoute?: LocalFunction;
  readonly issuer: LocalIssuer;
  /** Static files served at `/` when the folder has an index.html (the dashboard). */
  readonly webDir?: string;
  /** Extra local-only endpoints (e.g. `/local/token` for the dashboard's sign-in). */
  readonly localEndpoints?: (request: IncomingMessage, body: Buffer, response: ServerResponse) => Promise<boolean>;
  readonly log?: (message: string) => void;
}

export interface Gateway {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

interface CompiledRoute extends GatewayRoute {
  readonly segments: readonly string[];
  readonly routeKey: string;
}

const TEXT_TYPES = /^(text\/|application\/(json|[\w.+-]+\+json|xml|javascript|x-www-form-urlencoded))/i;
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

function match(
  route: CompiledRoute,
  method: string | undefined,
  parts: readonly string[],
): Record<string, string> | undefined {
  if ((method !== undefined && route.method !== method) || route.segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, segment] of route.segments.entries()) {
    const part = parts[index] ?? '';
    if (segment.startsWith('{') && segment.endsWith('}')) {
      if (part === '') return undefined;
      try {
        params[segment.slice(1, -1)] = decodeURIComponent(part);
      } catch {
        params[segment.slice(1, -1)] = part;
      }
    } else if (segment !== part) {
      return undefined;
    }
  }
  return params;
}

/** Headers as API Gateway gives them: lower-case names, repeated values joined with commas. */
function headersOf(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === 'cookie') continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

function queryOf(rawQuery: string): Record<string, string> | undefined {
  if (rawQuery === '') return undefined;
  const params: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQuery))
    params[key] = key in params ? `${params[key]},${value}` : value;
  return params;
}

function send(response: ServerResponse, result: unknown): void {
  if (result === null || typeof result !== 'object' || !('statusCode' in result)) {
    // API Gateway's inference for a payload 2.0 function that returns no structured response.
    const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(body);
    return;
  }
  const structured = result as APIGatewayProxyStructuredResultV2;
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(structured.headers ?? {})) headers[name] = String(value);
  if (structured.cookies?.length) headers['set-cookie'] = structured.cookies;
  response.writeHead(structured.statusCode ?? 200, headers);
  const body = structured.body ?? '';
  response.end(structured.isBase64Encoded ? Buffer.from(body, 'base64') : body);
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

function serveStatic(webDir: string, path: string, response: ServerResponse): boolean {
  const root = resolve(webDir);
  if (!existsSync(join(root, 'index.html'))) return false;
  const relative = normalize(decodeURIComponent(path)).replace(/^([/\\])+/, '');
  let file = resolve(root, relative);
  if (file !== root && !file.startsWith(root + sep)) return false;
  if (!existsSync(file) || statSync(file).isDirectory()) {
    // A single-page app: unknown paths outside the API get the index.
    if (extname(relative) !== '') return false;
    file = join(root, 'index.html');
  }
  response.writeHead(200, {
    'content-type': MIME[extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'content-security-policy': "frame-ancestors 'none'",
  });
  response.end(readFileSync(file));
  return true;
}

/**
 * The local API Gateway (HTTP API, payload format 2.0): routes from the manifest, JWT verification
 * like the JWT authorizer (401 `{"message":"Unauthorized"}` as API Gateway answers), the
 * `$default` route for everything else, CORS preflight from the same allow-list the functions use,
 * and the dashboard's static files.
 */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const log = options.log ?? (() => undefined);
  const routes: CompiledRoute[] = options.routes.map((route) => ({
    ...route,
    segments: route.path.split('/').slice(1),
    routeKey: `${route.method} ${route.path}`,
  }));

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const started = Date.now();
    const requestId = randomUUID();
    const url = request.url ?? '/';
    const queryAt = url.indexOf('?');
    const rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
    const rawQueryString = queryAt === -1 ? '' : url.slice(queryAt + 1);
    const method = (request.method ?? 'GET').toUpperCase();
    const { body, tooLarge } = await readBody(request, MAX_PAYLOAD_BYTES);
    if (tooLarge) {
      sendJson(response, 413, { message: 'Request Entity Too Large' });
      return;
    }
    if (
      options.localEndpoints &&
      rawPath.startsWith('/local/') &&
      (await options.localEndpoints(request, body, response))
    )
      return;

    const parts = rawPath.split('/').slice(1);
    let found: { route: CompiledRoute; params: Record<string, string> } | undefined;
    for (const route of routes) {
      const params = match(route, method, parts);
      if (params) {
        found = { route, params };
        break;
      }
    }

    if (method === 'OPTIONS' && request.headers['access-control-request-method']) {
      const target = routes.find((route) => match(route, undefined, parts) !== undefined);
      const policy: CorsPolicy = target?.auth === 'none' ? 'open' : 'allow-list';
      response.writeHead(204, preflightHeaders(request.headers.origin, policy));
      response.end();
      return;
    }

    if (!found && method === 'GET' && options.webDir && !/^\/v\d+(\/|$)/.test(rawPath)) {
      if (serveStatic(options.webDir, rawPath, response)) return;
    }

    const fn = found?.route.fn ?? options.defaultRoute;
    if (!fn) {
      sendJson(response, 404, { message: 'Not Found' });
      return;
    }

    let authorizer: { jwt: { claims: Record<string, unknown>; scopes: null } } | undefined;
    if (found?.route.auth === 'jwt') {
      const header = request.headers.authorization ?? '';
      const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
      const claims = token ? await options.issuer.verify(token) : null;
      if (!claims) {
        sendJson(response, 401, { message: 'Unauthorized' }, { 'www-authenticate': 'Bearer' });
        log(`${method} ${rawPath} 401 ${Date.now() - started}ms`);
        return;
      }
      authorizer = {
        jwt: {
          claims: Object.fromEntries(
            Object.entries(claims).map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : v]),
          ),
          scopes: null,
        },
      };
    }

    const headers = headersOf(request);
    const contentType = headers['content-type'] ?? '';
    const isText = body.length === 0 || TEXT_TYPES.test(contentType);
    const now = new Date();
    const routeKey = found?.route.routeKey ?? '$default';
    const event = {
      version: '2.0',
      routeKey,
      rawPath,
      rawQueryString,
      ...(request.headers.cookie ? { cookies: request.headers.cookie.split(/;\s*/) } : {}),
      headers,
      ...(queryOf(rawQueryString) ? { queryStringParameters: queryOf(rawQueryString) } : {}),
      ...(found && Object.keys(found.params).length > 0 ? { pathParameters: found.params } : {}),
      requestContext: {
        accountId: LOCAL_ACCOUNT,
        apiId: 'local',
        domainName: headers.host ?? 'localhost',
        domainPrefix: 'localhost',
        http: {
          method,
          path: rawPath,
          protocol: `HTTP/${request.httpVersion}`,
          sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
          userAgent: headers['user-agent'] ?? '',
        },
        requestId,
        routeKey,
        stage: '$default',
        time: now.toUTCString(),
        timeEpoch: now.getTime(),
        ...(authorizer ? { authorizer } : {}),
      },
      ...(body.length > 0 ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
      isBase64Encoded: !isText,
    };

    try {
      const result = await fn.invoke(event);
      send(response, result);
      log(`${method} ${rawPath} ${(result as { statusCode?: number })?.statusCode ?? 200} ${Date.now() - started}ms`);
    } catch (error) {
      log(`${method} ${rawPath} 500 (${fn.spec.name} failed: ${(error as Error).message})`);
      sendJson(response, (error as Error).name === 'FunctionNotAvailableError' ? 501 : 500, {
        message: (error as Error).name === 'FunctionNotAvailableError' ? 'Not Implemented' : 'Internal Server Error',
      });
    }
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log(`gateway error: ${(error as Error).message}`);
      if (!response.headersSent) sendJson(response, 500, { message: 'Internal Server Error' });
      else response.end();
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolvePromise());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
