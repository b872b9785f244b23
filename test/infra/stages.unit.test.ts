import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { allTables } from '#infra/tables.ts';
import { logicalId, resources, type Synthesized, synthesize } from './synth.ts';

/** The prod stage with an external OpenID Connect issuer instead of Cognito, synthesized once. */
let s: Synthesized;
let nagReport: ReturnType<AwsSolutionsChecks['validateScope']>;
const ISSUER = 'https://login.example-gemeente.nl/realms/toezicht';

beforeAll(() => {
  s = synthesize({ stage: 'prod', oidcIssuer: ISSUER, oidcAudience: 'meldcode-api,meldcode-dashboard' });
  nagReport = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(s.stack);
}, 120_000);

describe('prod keeps everything', () => {
  it('every table, queue, log group, bucket and the key are retained', () => {
    const stateful = [
      'AWS::DynamoDB::Table',
      'AWS::SQS::Queue',
      'AWS::Logs::LogGroup',
      'AWS::S3::Bucket',
      'AWS::KMS::Key',
    ];
    const found = Object.entries(resources(s.template)).filter(([, r]) => stateful.includes(r.Type));
    expect(found.length).toBeGreaterThan(30);
    for (const [id, resource] of found) {
      expect(resource.DeletionPolicy, id).toBe('Retain');
      expect(resource.UpdateReplacePolicy, id).toBe('Retain');
    }
  });

  it('every table has deletion protection', () => {
    for (const table of allTables) {
      const resource = resources(s.template)[logicalId(s.stack, s.stack.tables.get(table.id))]!;
      expect(resource.Properties.DeletionProtectionEnabled, table.id).toBe(true);
    }
  });

  it('longer log and archive retention, INFO logs', () => {
    s.template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
    s.template.hasResourceProperties('AWS::Events::Archive', { RetentionDays: 365 });
    const fn = resources(s.template)[logicalId(s.stack, s.stack.functions.get('publisher'))]!;
    expect((fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables.LOG_LEVEL).toBe('INFO');
  });
});

describe('an external OpenID Connect issuer from context', () => {
  it('the JWT authorizer trusts that issuer and audience, and no user pool is made', () => {
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: ISSUER, Audience: ['meldcode-api', 'meldcode-dashboard'] },
    });
    s.template.resourceCountIs('AWS::Cognito::UserPool', 0);
    s.template.resourceCountIs('AWS::Cognito::UserPoolDomain', 0);
  });

  it("the dashboard may connect to the issuer's origin", () => {
    const policy = Object.values(resources(s.template)).find(
      (r) => r.Type === 'AWS::CloudFront::ResponseHeadersPolicy',
    )!;
    expect(JSON.stringify(policy.Properties)).toContain('https://login.example-gemeente.nl');
  });
});

it('cdk-nag AwsSolutions: no unacknowledged finding in this variant either', () => {
  expect(
    nagReport.violations.map(
      (v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
    ),
  ).toEqual([]);
});
