import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { Manifest } from '../manifest-checks.ts';
import type { ManifestFunctions } from './functions.ts';
import { acknowledge } from './nag.ts';
import type { StagePolicy } from './stage.ts';

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

export interface ApiProps {
  readonly manifest: Manifest;
  readonly functions: ManifestFunctions;
  readonly authorizer: apigwv2.IHttpRouteAuthorizer;
  readonly throttle: apigwv2.ThrottleSettings;
  readonly policy: StagePolicy;
}

/**
 * The HTTP API: one route per manifest `http` trigger, every route behind the JWT authorizer
 * unless the manifest says `auth: 'none'` (only the OpenAPI document), the `$default` route for
 * the manifest's `httpDefault` and `OPTIONS /{proxy+}` for its `httpPreflight`, both without login;
 * one `$default` stage with access logging and throttling.
 *
 * No CORS configuration on the API: with one, API Gateway answers preflight requests itself and
 * ignores the CORS headers of every function's response, so the functions' own CORS (the
 * allow-list of `CORS_ALLOWED_ORIGINS`, and any origin for the OpenAPI document) would not hold.
 * The functions answer CORS, preflight included, as they do behind the local gateway.
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
    // wrong method) reaches this function for a problem+json 404, with or without a token, as
    // locally. The manifest's `httpPreflight`: `OPTIONS` on any path, CORS preflight requests, which
    // browsers send without the Authorization header. Neither reads data or tells anything about it.
    const publicRoutes = [
      {
        kind: 'httpDefault',
        id: 'DefaultRoute',
        routeKey: apigwv2.HttpRouteKey.DEFAULT,
        why: 'The $default route only answers a problem+json 404 for requests that match no route (unknown path, trailing slash, wrong method); it reads no data and says nothing about any, so it needs no login (a token would not change its answer).',
      },
      {
        kind: 'httpPreflight',
        id: 'PreflightRoute',
        routeKey: apigwv2.HttpRouteKey.with('/{proxy+}', apigwv2.HttpMethod.OPTIONS),
        why: 'OPTIONS /{proxy+} answers CORS preflight requests, which browsers send without credentials (Fetch standard), so it cannot sit behind the JWT authorizer; it reads no data and only states which origins, methods and headers the API allows.',
      },
    ] as const;
    for (const { kind, id, routeKey, why } of publicRoutes) {
      for (const fn of props.manifest.functions) {
        if (!fn.triggers.some((trigger) => trigger.kind === kind)) continue;
        const route = new apigwv2.HttpRoute(this, id, {
          httpApi: this.httpApi,
          routeKey,
          integration: integrationOf(fn.name),
          authorizer: noAuth,
        });
        acknowledge(route, 'AwsSolutions-APIG4', why);
        this.routes.push(route);
      }
    }
  }

  /** The API's base URL, ending in `/`. */
  get url(): string {
    return this.stage.url;
  }
}
