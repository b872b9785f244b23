import { Duration } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { Manifest } from '../manifest-checks.ts';
import type { HttpMethod } from '../wiring.ts';
import type { ManifestFunctions } from './functions.ts';
import { acknowledge } from './nag.ts';
import type { StagePolicy } from './stage.ts';

/** Request headers a browser may send cross-origin (besides the CORS-safelisted ones). */
export const CORS_ALLOW_HEADERS = ['authorization', 'content-type', 'idempotency-key', 'if-match'];
/** Response headers a browser script may read. */
export const CORS_EXPOSE_HEADERS = ['api-version', 'etag', 'location'];

/**
 * One line per request. No request or response bodies; the caller's subject and gemeente, so an
 * auditor can see who did what; IP addresses for security analysis (kept as long as the logs).
 */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  method: '$context.httpMethod',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  sub: '$context.authorizer.claims.sub',
  gemeente: '$context.authorizer.claims.gemeente',
  rol: '$context.authorizer.claims.rol',
};

const CORS_METHOD: Record<HttpMethod, apigwv2.CorsHttpMethod> = {
  GET: apigwv2.CorsHttpMethod.GET,
  POST: apigwv2.CorsHttpMethod.POST,
  PUT: apigwv2.CorsHttpMethod.PUT,
  DELETE: apigwv2.CorsHttpMethod.DELETE,
};

export interface ApiProps {
  readonly manifest: Manifest;
  readonly functions: ManifestFunctions;
  readonly authorizer: apigwv2.IHttpRouteAuthorizer;
  /** Exact origins (scheme://host[:port]) allowed to call the API from a browser. */
  readonly corsOrigins: readonly string[];
  readonly throttle: apigwv2.ThrottleSettings;
  readonly policy: StagePolicy;
}

/**
 * The HTTP API: one route per manifest `http` trigger, every route behind the JWT authorizer
 * unless the manifest says `auth: 'none'` (only the OpenAPI document), the `$default` route for
 * the manifest's `httpDefault`; one `$default` stage with access logging and throttling.
 */
export class Api extends Construct {
  readonly httpApi: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;
  readonly accessLogs: logs.LogGroup;
  readonly routes: apigwv2.HttpRoute[] = [];

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const httpRoutes = props.manifest.functions.flatMap((fn) =>
      fn.triggers.flatMap((trigger) => (trigger.kind === 'http' ? [{ fn, trigger }] : [])),
    );

    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      description: 'meldcode-toezicht public API (/v1)',
      createDefaultStage: false,
      defaultAuthorizer: props.authorizer,
      corsPreflight: {
        allowOrigins: [...props.corsOrigins],
        allowMethods: [...new Set(httpRoutes.map(({ trigger }) => CORS_METHOD[trigger.method]))],
        allowHeaders: CORS_ALLOW_HEADERS,
        exposeHeaders: CORS_EXPOSE_HEADERS,
        allowCredentials: false,
        maxAge: Duration.hours(1),
      },
    });

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.policy.logRetention,
      removalPolicy: props.policy.removalPolicy,
    });
    this.stage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    const integrations = new Map<string, HttpLambdaIntegration>();
    const integrationOf = (name: string): HttpLambdaIntegration => {
      let integration = integrations.get(name);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${name}-integration`, props.functions.get(name));
        integrations.set(name, integration);
      }
      return integration;
    };
    const noAuth = new apigwv2.HttpNoneAuthorizer();
    for (const { fn, trigger } of httpRoutes) {
      const routes = this.httpApi.addRoutes({
        path: trigger.path,
        methods: [apigwv2.HttpMethod[trigger.method]],
        integration: integrationOf(fn.name),
        authorizer: trigger.auth === 'none' ? noAuth : props.authorizer,
      });
      if (trigger.auth === 'none') {
        for (const route of routes) {
          acknowledge(
            route,
            'AwsSolutions-APIG4',
            `${trigger.method} ${trigger.path} is public by design (NL API Design Rules: the OpenAPI document needs no login); the wiring manifest marks it auth: 'none' and it reads no data.`,
          );
        }
      }
      this.routes.push(...routes);
    }

    // The manifest's `httpDefault`: every request no route matches (unknown path, trailing slash,
    // wrong method) reaches this function for a problem+json 404. It sits behind the JWT authorizer
    // like every route but the OpenAPI document: unauthenticated probing gets API Gateway's 401 and
    // costs no invocation.
    for (const fn of props.manifest.functions) {
      if (!fn.triggers.some((trigger) => trigger.kind === 'httpDefault')) continue;
      this.routes.push(
        new apigwv2.HttpRoute(this, 'DefaultRoute', {
          httpApi: this.httpApi,
          routeKey: apigwv2.HttpRouteKey.DEFAULT,
          integration: integrationOf(fn.name),
          authorizer: props.authorizer,
        }),
      );
    }
  }

  /** The API's base URL, ending in `/`. */
  get url(): string {
    return this.stage.url;
  }
}
