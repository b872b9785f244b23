import { readFileSync } from 'node:fs';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { type ContextKey, readStackConfig, type StackConfig } from '#infra/config.ts';
import type { Manifest } from '#infra/manifest-checks.ts';
import { MeldcodeStack } from '#infra/stack.ts';

/** The context of `cdk.json` (feature flags included), so tests build what `npm run synth` builds. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return cdkJson.context;
}

export interface Synthesized {
  readonly app: App;
  readonly stack: MeldcodeStack;
  readonly template: Template;
  readonly config: StackConfig;
}

/**
 * Builds the stack as `infra/app.ts` does, with the given context on top of `cdk.json`'s, and with
 * placeholder function code unless the context says otherwise: assertion tests need the template,
 * not 25 esbuild runs.
 */
export function synthesize(
  context: Partial<Record<ContextKey, unknown>> = {},
  options: { manifest?: Manifest; synth?: boolean; nag?: boolean } = {},
): Synthesized {
  const app = new App({ context: { ...cdkJsonContext(), functionCode: 'stub', ...context } });
  Validations.of(app).acknowledge({
    id: 'Annotation::meldcode:stub-code',
    reason: 'Assertion tests read the template; they never deploy the placeholder code.',
  });
  const config = readStackConfig((key) => app.node.tryGetContext(key));
  const stack = new MeldcodeStack(app, `MeldcodeToezicht-${config.stage}`, { config, manifest: options.manifest });
  // As infra/app.ts does: the synth below fails on any unacknowledged cdk-nag finding.
  if (options.nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const template = options.synth === false ? (undefined as unknown as Template) : Template.fromStack(stack);
  return { app, stack, template, config };
}

type Json = Record<string, unknown>;
export interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: Json;
}
export interface Resource {
  readonly Type: string;
  readonly Properties: Json;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

export const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

export function resources(template: Template): Record<string, Resource> {
  return template.toJSON().Resources as Record<string, Resource>;
}

/** The logical id of a construct's CloudFormation resource. */
export function logicalId(stack: MeldcodeStack, construct: { node: { defaultChild?: unknown } }): string {
  const child = construct.node.defaultChild as { logicalId: string } | undefined;
  if (!child) throw new Error('construct has no default child');
  return stack.resolve(child.logicalId) as string;
}

/** Every IAM statement that applies to a role: its policies and its inline policies. */
export function statementsOfRole(template: Template, roleLogicalId: string): Statement[] {
  const statements: Statement[] = [];
  for (const resource of Object.values(resources(template))) {
    if (resource.Type === 'AWS::IAM::Policy') {
      const roles = asArray(resource.Properties.Roles as Json[]).map((role) => role.Ref);
      if (roles.includes(roleLogicalId)) {
        statements.push(...((resource.Properties.PolicyDocument as { Statement: Statement[] }).Statement ?? []));
      }
    }
  }
  const role = resources(template)[roleLogicalId];
  for (const policy of asArray(role?.Properties.Policies as { PolicyDocument: { Statement: Statement[] } }[])) {
    statements.push(...policy.PolicyDocument.Statement);
  }
  return statements;
}

/** Every IAM statement of the template (policies, and inline policies of roles). */
export function allStatements(template: Template): { owner: string; statement: Statement }[] {
  const found: { owner: string; statement: Statement }[] = [];
  for (const [id, resource] of Object.entries(resources(template))) {
    const documents =
      resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy'
        ? [resource.Properties.PolicyDocument as { Statement: Statement[] }]
        : resource.Type === 'AWS::IAM::Role'
          ? asArray(resource.Properties.Policies as { PolicyDocument: { Statement: Statement[] } }[]).map(
              (policy) => policy.PolicyDocument,
            )
          : [];
    for (const document of documents) for (const statement of document.Statement) found.push({ owner: id, statement });
  }
  return found;
}

/** The logical ids a JSON value refers to (Ref and Fn::GetAtt), anywhere inside it. */
export function referencedIds(value: unknown): Set<string> {
  const ids = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, inner] of Object.entries(node)) {
        if (key === 'Ref' && typeof inner === 'string') ids.add(inner);
        else if (key === 'Fn::GetAtt' && Array.isArray(inner) && typeof inner[0] === 'string') ids.add(inner[0]);
        else walk(inner);
      }
    }
  };
  walk(value);
  return ids;
}
