import { Aws, Duration } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer, HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { OidcConfig } from '../config.ts';
import { StackFunction } from './functions.ts';
import type { StagePolicy } from './stage.ts';

/** The claims the handlers read, and the Cognito custom attributes they come from. */
export const ROLE_CLAIMS = { gemeente: 'custom:gemeente', rol: 'custom:rol' } as const;

/**
 * Cognito puts custom attributes in the ID token only, and as `custom:<name>`. This trigger (V2,
 * so it reaches access tokens too) copies them to the plain claims `gemeente` and `rol` that every
 * issuer gives (the local issuer, an external OIDC issuer), and drops the `custom:` copies, so the
 * handlers read one claim name whatever the issuer and whichever token the client sends.
 * Dependency-free CommonJS: it is inline code, not a bundle.
 */
export const CLAIMS_TRIGGER_SOURCE = `
const CLAIMS = ${JSON.stringify(ROLE_CLAIMS)};
exports.handler = async (event) => {
  const attributes = (event.request && event.request.userAttributes) || {};
  const claims = {};
  for (const [claim, attribute] of Object.entries(CLAIMS)) {
    const value = attributes[attribute];
    if (typeof value === 'string' && value !== '') claims[claim] = value;
  }
  event.response = {
    claimsAndScopeOverrideDetails: {
      idTokenGeneration: { claimsToAddOrOverride: claims, claimsToSuppress: Object.values(CLAIMS) },
      accessTokenGeneration: { claimsToAddOrOverride: claims },
    },
  };
  return event;
};
`;

export interface AuthProps {
  readonly oidc?: OidcConfig;
  readonly policy: StagePolicy;
  /** Origins where the dashboard runs: sign-in returns there (`<origin>/`). */
  readonly dashboardOrigins: readonly string[];
  readonly domainPrefix?: string;
}

/**
 * What the dashboard needs to sign users in: the sign-in part of its `config.json`
 * (`web/src/config.ts`, `CognitoConfig`; the stack adds `apiBaseUrl`). The dashboard sends the
 * access token, which carries `gemeente` and `rol` through the claims trigger.
 */
export type DashboardAuthConfig =
  | {
      readonly mode: 'cognito';
      readonly cognito: {
        readonly domain: string;
        readonly clientId: string;
        readonly scopes: readonly string[];
        readonly tokenUse: 'access';
      };
    }
  | { readonly mode: 'oidc'; readonly oidc: { readonly issuer: string; readonly clientId: string } };

/**
 * Who may call the API: by default a Cognito user pool of this stack (admin-created users only,
 * MFA required, threat protection on), or an external OpenID Connect issuer from context. Either
 * way API Gateway's JWT authorizer verifies the token before any handler runs.
 */
export class Auth extends Construct {
  readonly authorizer: apigwv2.IHttpRouteAuthorizer;
  readonly dashboardConfig: DashboardAuthConfig;
  readonly userPool?: cognito.UserPool;
  readonly client?: cognito.UserPoolClient;
  readonly domain?: cognito.UserPoolDomain;
  readonly claimsTrigger?: lambda.Function;

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);

    if (props.oidc) {
      this.authorizer = new HttpJwtAuthorizer('Oidc', props.oidc.issuer, {
        jwtAudience: [...props.oidc.audience],
        identitySource: ['$request.header.Authorization'],
      });
      this.dashboardConfig = {
        mode: 'oidc',
        oidc: { issuer: props.oidc.issuer, clientId: props.oidc.audience[0] ?? '' },
      };
      return;
    }

    const userPool = new cognito.UserPool(this, 'UserPool', {
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: {
        gemeente: new cognito.StringAttribute({ minLen: 6, maxLen: 6, mutable: true }),
        rol: new cognito.StringAttribute({ minLen: 6, maxLen: 10, mutable: true }),
      },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      userInvitation: {
        emailSubject: 'Uw account voor Meldcode-toezicht',
        emailBody:
          'U hebt een account voor Meldcode-toezicht. Gebruikersnaam: {username}. Tijdelijk wachtwoord: {####}. Bij de eerste aanmelding kiest u een eigen wachtwoord en stelt u een authenticator-app in.',
      },
      deletionProtection: props.policy.deletionProtection,
      removalPolicy: props.policy.removalPolicy,
    });

    const claimsTrigger = new StackFunction(this, 'ClaimsTrigger', {
      source: { kind: 'inline', source: CLAIMS_TRIGGER_SOURCE },
      description: 'Cognito pre token generation: custom:gemeente/custom:rol -> gemeente/rol claims',
      timeout: Duration.seconds(5),
      memorySize: 128,
      environment: {},
      policy: props.policy,
    }).fn;
    userPool.addTrigger(
      cognito.UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG,
      claimsTrigger,
      cognito.LambdaVersion.V2_0,
    );

    const scopes = [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE];
    const urls = props.dashboardOrigins.map((origin) => `${origin}/`);
    const client = userPool.addClient('Dashboard', {
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes,
        callbackUrls: urls,
        logoutUrls: urls,
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      enableTokenRevocation: true,
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true })
        .withCustomAttributes('gemeente', 'rol'),
      // Users must never set their own gemeente or rol: only administrators (AdminUpdateUserAttributes) can.
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true }),
    });

    const domain = userPool.addDomain('HostedUi', {
      cognitoDomain: { domainPrefix: props.domainPrefix ?? `meldcode-${props.policy.stage}-${Aws.ACCOUNT_ID}` },
    });

    this.authorizer = new HttpUserPoolAuthorizer('Cognito', userPool, {
      userPoolClients: [client],
      identitySource: ['$request.header.Authorization'],
    });
    this.dashboardConfig = {
      mode: 'cognito',
      cognito: {
        domain: domain.baseUrl(),
        clientId: client.userPoolClientId,
        scopes: scopes.map((scope) => scope.scopeName),
        tokenUse: 'access',
      },
    };
    this.userPool = userPool;
    this.client = client;
    this.domain = domain;
    this.claimsTrigger = claimsTrigger;
  }
}
