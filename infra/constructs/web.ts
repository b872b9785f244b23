import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Annotations, Duration, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { acknowledge, acknowledgeFindings } from './nag.ts';
import type { StagePolicy } from './stage.ts';

/**
 * The dashboard's built static files (`npx tsx web/build.ts` writes `web/dist`), or undefined when
 * they are not there. Its `config.json` (local mode) is left out: the stack writes its own.
 */
export function dashboardSource(root: string): { dir: string; exclude: string[] } | undefined {
  const dist = join(root, 'web', 'dist');
  return existsSync(join(dist, 'index.html')) ? { dir: dist, exclude: ['config.json'] } : undefined;
}

/** The paths CloudFront hands to the HTTP API instead of the bucket: the whole public API. */
export const API_PATH_PATTERN = '/v1/*';

/**
 * The dashboard's `apiBaseUrl` on AWS: its own origin (the API's paths start with `/v1`, which
 * CloudFront sends to the HTTP API), so the browser makes no cross-origin request and sees every
 * answer, API Gateway's own ones (the authorizer's 401, throttling's 429, 5xx) included.
 */
export const DASHBOARD_API_BASE = '/';

/**
 * The 4xx and 5xx codes CloudFront caches (for 10 s unless told otherwise), and for most of them
 * whatever `Cache-Control: no-store` says. Under `/v1/*` a cached error would reach the next caller
 * of the same URL: another user's 403 (a gemeente not theirs), a passing 503.
 */
const CACHED_ERROR_CODES = [400, 403, 404, 405, 414, 500, 501, 502, 503, 504] as const;

export interface WebProps {
  readonly policy: StagePolicy;
  /**
   * Origins the dashboard's scripts may connect to besides its own (the API included, `/v1/*`) and
   * Cognito's (e.g. an external OIDC issuer).
   */
  readonly connectOrigins: readonly string[];
}

/**
 * The dashboard: a private S3 bucket behind CloudFront with Origin Access Control (the bucket is
 * readable by this distribution only), HTTPS only, security headers on every response, and
 * access logs of both in a separate log bucket. Once `serveApi` is called, the same distribution
 * passes `/v1/*` to the HTTP API, so the dashboard calls the API on its own origin.
 */
export class Web extends Construct {
  readonly bucket: s3.Bucket;
  readonly logBucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  private readonly policy: StagePolicy;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    this.policy = props.policy;
    const region = Stack.of(this).region;

    this.logBucket = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      // CloudFront's standard logs are delivered with an ACL, so ACLs must be possible here.
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: props.policy.stage === 'prod' ? Duration.days(365) : Duration.days(30) }],
      // Logs are evidence; they stay when the stack goes (remove the bucket by hand, see the README).
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.logBucket,
      'AwsSolutions-S1',
      'This is the access-log bucket of the dashboard bucket and the distribution; logging it into itself would loop.',
    );

    this.bucket = new s3.Bucket(this, 'Site', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3/',
      removalPolicy: props.policy.removalPolicy,
    });

    // The API is 'self' (`/v1/*` below): no execute-api origin is needed.
    const connectSrc = [
      "'self'",
      `https://cognito-idp.${region}.amazonaws.com`,
      `https://*.auth.${region}.amazoncognito.com`,
      ...props.connectOrigins,
    ].join(' ');
    const headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'meldcode-toezicht dashboard security headers',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: [
            "default-src 'self'",
            `connect-src ${connectSrc}`,
            "img-src 'self' data:",
            "style-src 'self'",
            "script-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
          ].join('; '),
          override: true,
        },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `meldcode-toezicht dashboard (${props.policy.stage})`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        compress: true,
      },
      // Every error passes through as the origin sent it, and is not kept (see CACHED_ERROR_CODES).
      errorResponses: CACHED_ERROR_CODES.map((httpStatus) => ({ httpStatus, ttl: Duration.seconds(0) })),
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
    });
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR4',
      'The distribution uses the default *.cloudfront.net certificate, for which CloudFront fixes the minimum protocol; TLSv1.2_2021 applies as soon as a custom domain with an ACM certificate is added.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR1',
      'No geo restriction: the bucket holds static files without data; every data access (here under /v1/*, or at the execute-api URL) goes through the HTTP API and its JWT authorizer, and staff may work from abroad.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR2',
      'No WAF: a web ACL costs a monthly fee at rest; the bucket holds only public static files, and the API behind /v1/* is also reachable at its execute-api URL, which a web ACL on this distribution would not cover: the API has its own JWT authorizer and throttling.',
    );
  }

  /**
   * Serves the HTTP API under the dashboard's origin: `/v1/*` goes to the API's execute-api domain
   * over HTTPS only, uncached (CachingDisabled), with everything the viewer sent but the Host header
   * (AllViewerExceptHostHeader: Authorization, Idempotency-Key, If-Match, Content-Type, the query
   * string; API Gateway needs its own Host), every method, and the API's response headers (ETag,
   * Location, API-Version) as they are. With caching disabled CloudFront forwards the Authorization
   * header through an origin request policy. The distribution refers to the API resource only (not
   * to its routes or functions), so there is no dependency cycle.
   *
   * For these requests the API's access log shows a CloudFront address as `ip`; the viewer's address
   * is in the distribution's access log (`cloudfront/` in the log bucket).
   */
  serveApi(api: apigwv2.IHttpApi): void {
    // apiEndpoint is `https://<id>.execute-api.<region>.<suffix>`: its third `/`-part is the domain.
    const domain = Fn.select(2, Fn.split('/', api.apiEndpoint));
    this.distribution.addBehavior(
      API_PATH_PATTERN,
      new origins.HttpOrigin(domain, {
        protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
        originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
      }),
      {
        // A POST must not be redirected from http: (its body would be lost); refuse plain HTTP.
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        // The API's bodies and headers as they are (a compressed copy would get a weak ETag).
        compress: false,
      },
    );
  }

  /** `https://<distribution domain>` */
  get origin(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }

  /**
   * Deploys the dashboard's files (when they exist) and `config.json`, the deploy-time settings the
   * dashboard reads (API base, sign-in). Every file is served `Cache-Control: no-cache`: browsers and
   * CloudFront revalidate (a 304 when unchanged), so a deployment shows at once without a CloudFront
   * invalidation, whose IAM action CDK grants only on Resource "*".
   */
  deploy(root: string, config: Record<string, unknown>): s3deploy.BucketDeployment {
    const source = dashboardSource(root);
    if (!source && existsSync(join(root, 'web'))) {
      Annotations.of(this).addWarningV2(
        'meldcode:dashboard-not-built',
        'web/dist does not exist: only config.json is deployed. Run `npx tsx web/build.ts` before `cdk deploy`.',
      );
    }
    const deployment = new s3deploy.BucketDeployment(this, 'Deployment', {
      destinationBucket: this.bucket,
      sources: [
        ...(source ? [s3deploy.Source.asset(source.dir, { exclude: source.exclude })] : []),
        s3deploy.Source.jsonData('config.json', config),
      ],
      cacheControl: [s3deploy.CacheControl.noCache()],
      // dev: the files go with the stack, so the bucket can go too; prod: both stay.
      retainOnDelete: this.policy.removalPolicy === RemovalPolicy.RETAIN,
      memoryLimit: 256,
    });
    acknowledgeBucketDeploymentFindings(Stack.of(this));
    return deployment;
  }
}

/**
 * CDK's BucketDeployment brings its own singleton function (`Custom::CDKBucketDeployment...`):
 * these findings are about aws-cdk-lib's code, which runs only during deployments, not ours.
 */
function acknowledgeBucketDeploymentFindings(stack: Stack): void {
  for (const child of stack.node.children) {
    if (!child.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
    acknowledgeFindings(
      child,
      'AwsSolutions-IAM4',
      (finding) => finding.endsWith(':iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'),
      "CDK's BucketDeployment handler (a CDK-managed singleton) writes its logs through AWSLambdaBasicExecutionRole.",
    );
    acknowledgeFindings(
      child,
      'AwsSolutions-IAM5',
      // Never a bare "*": that would not be about copying files.
      (finding) => finding !== 'Resource::*' && finding !== 'Action::*',
      "CDK's BucketDeployment handler copies the dashboard: s3:GetObject*/GetBucket*/List* on the CDK asset bucket and its objects, s3:PutObject*/DeleteObject*/Abort* on the dashboard bucket's objects (bucket/*): object ARNs cannot be listed in advance.",
    );
    acknowledge(
      child,
      'AwsSolutions-L1',
      "CDK's BucketDeployment handler runtime is chosen and kept current by aws-cdk-lib, not by this stack.",
    );
  }
}
