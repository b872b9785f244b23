import { CfnResource, Validations } from 'aws-cdk-lib';
import { type NagRuleResult, rules } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/**
 * Acknowledging cdk-nag findings. cdk-nag 3 reads CDK's own `Validations.of(x).acknowledge`; an
 * acknowledgment covers the construct and everything under it, for exactly the id given. Every
 * call states its reason.
 */
export function acknowledge(scope: IConstruct, id: `AwsSolutions-${string}`, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/** The rules that report one finding per offending item (`RuleId[finding]`). */
const GRANULAR_RULES = {
  'AwsSolutions-IAM4': rules.iam.IAMNoManagedPolicies,
  'AwsSolutions-IAM5': rules.iam.IAMNoWildcardPermissions,
} as const satisfies Record<string, (node: CfnResource) => NagRuleResult>;

/**
 * Acknowledges the findings of a granular rule under `scope` that `accept` lets through: the
 * successor of cdk-nag 2's `appliesTo`. Finding ids name logical ids (`Resource::<Fn1234.Arn>:*`),
 * so they are computed from the policies, not written out. Call it once every grant under `scope`
 * has been made. Returns the findings it acknowledged.
 */
export function acknowledgeFindings(
  scope: IConstruct,
  rule: keyof typeof GRANULAR_RULES,
  accept: (finding: string) => boolean,
  reason: string,
): string[] {
  const acknowledged: string[] = [];
  for (const node of scope.node.findAll()) {
    if (!CfnResource.isCfnResource(node)) continue;
    const result = GRANULAR_RULES[rule](node);
    if (!Array.isArray(result)) continue;
    for (const finding of result) {
      if (!accept(finding)) continue;
      acknowledge(node, `${rule}[${finding}]`, reason);
      acknowledged.push(finding);
    }
  }
  return acknowledged;
}
