import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readStackConfig } from './config.ts';
import { MeldcodeStack } from './stack.ts';

/**
 * The CDK app (`cdk.json`: `npx tsx infra/app.ts`). Settings come from context (see
 * `infra/config.ts` and docs/readme-parts/deploy.md). Without AWS credentials the stack is
 * environment-agnostic and synthesizes offline; `cdk deploy` fills in the account and region.
 */
const app = new App();
const config = readStackConfig((key) => app.node.tryGetContext(key));

const stack = new MeldcodeStack(app, `MeldcodeToezicht-${config.stage}`, {
  config,
  description: `meldcode-toezicht (${config.stage}): toezicht op de Wet verplichte meldcode, event-sourced and serverless`,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  terminationProtection: config.stage === 'prod',
});
Tags.of(stack).add('project', 'meldcode-toezicht');
Tags.of(stack).add('stage', config.stage);

// cdk-nag 3's AwsSolutions pack runs as a CDK policy-validation plugin: an unacknowledged
// finding fails the synth (see test/infra/nag.unit.test.ts for the same check in the tests).
if (config.nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
