import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import * as z from 'zod';
import nl from 'zod/v4/locales/nl.js';
import { logger, metrics, tracer } from '../powertools.ts';
import { type CorsPolicy, standardHeaders } from './headers.ts';
import { toProblem } from './problem.ts';
import type { HttpResponse } from './response.ts';

// Validation messages of the public API are Dutch (NL API Design Rules, /core/interface-language).
// Only the nl locale is imported: `z.locales` would bundle every language (~250 KiB).
z.config(nl());

/** An API Gateway HTTP API (payload 2.0) event; `authorizer` is absent on routes without login. */
export type HttpEvent = Omit<APIGatewayProxyEventV2WithJWTAuthorizer, 'requestContext'> & {
  requestContext: Omit<APIGatewayProxyEventV2WithJWTAuthorizer['requestContext'], 'authorizer'> & {
    authorizer?: APIGatewayProxyEventV2WithJWTAuthorizer['requestContext']['authorizer'];
  };
};
export type HttpHandler = (event: HttpEvent, context: Context) => Promise<HttpResponse>;

export interface HttpFunctionOptions {
  /** CORS for this route: the allow-list, or open (only the public OpenAPI document). */
  readonly cors?: CorsPolicy;
}

/**
 * The outermost middleware: every response, success or error, gets the security headers, the
 * `API-Version` header and CORS; every error becomes one problem+json answer (problem.ts).
 */
const problemAndHeaders = (cors: CorsPolicy): MiddlewareObj<HttpEvent, HttpResponse> => ({
  before: (request) => {
    // The API Gateway request id is the correlation id of the logs and of the events appended.
    logger.appendKeys({ correlation_id: request.event.requestContext?.requestId });
  },
  after: (request) => {
    const response = request.response;
    if (!response) return;
    request.response = {
      ...response,
      headers: { ...standardHeaders(request.event.headers?.origin, cors), ...(response.headers ?? {}) },
    };
  },
  onError: (request) => {
    const problem = toProblem(request.error, request.event?.rawPath);
    if (problem.status >= 500) {
      logger.error('Request failed', {
        status: problem.status,
        code: problem.document.code,
        error: request.error as Error,
      });
    } else {
      logger.info('Request refused', {
        status: problem.status,
        code: problem.document.code,
        detail: problem.document.detail,
      });
    }
    request.response = {
      statusCode: problem.status,
      headers: {
        ...standardHeaders(request.event?.headers?.origin, cors),
        'Content-Type': 'application/problem+json; charset=utf-8',
        ...problem.headers,
      },
      body: JSON.stringify(problem.document),
    };
  },
});

/**
 * Innermost: one metric per response by status class (also keeps Powertools from warning about
 * empty metrics on every invocation). Runs before logMetrics flushes.
 */
const countResponses = (): MiddlewareObj<HttpEvent, HttpResponse> => ({
  after: (request) => {
    metrics.addMetric(`Http${Math.floor((request.response?.statusCode ?? 200) / 100)}xx`, MetricUnit.Count, 1);
  },
  onError: (request) => {
    metrics.addMetric(`Http${Math.floor(toProblem(request.error).status / 100)}xx`, MetricUnit.Count, 1);
  },
});

/**
 * Wraps a thin HTTP handler in the one middy stack, in a fixed order: header normalisation,
 * problem+json and response headers (and the request id as correlation id), then Powertools
 * logger, metrics and tracer. Idempotency is applied inside command handlers (idempotency.ts) so a
 * replayed response still passes through this stack and gets its headers.
 */
export function httpFunction(handler: HttpHandler, options: HttpFunctionOptions = {}) {
  return middy<HttpEvent, HttpResponse>(handler)
    .use(httpHeaderNormalizer())
    .use(problemAndHeaders(options.cors ?? 'allow-list'))
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(countResponses());
}
