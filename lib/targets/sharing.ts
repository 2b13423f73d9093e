import { IConstruct } from 'constructs';
import { CloudProvider } from '../core/cloud-provider';
import { resolveTarget } from './resolve-target';

/** The symbol aws-cdk-lib marks every Stage (and App) with (core/lib/private/core-construct-finders.js). */
const CDK_STAGE = Symbol.for('@aws-cdk/core.Stage');

function stageOf(scope: IConstruct): IConstruct | undefined {
  return [...scope.node.scopes].reverse().find((s) => CDK_STAGE in s);
}

/** `aws://account/region` of an aws-cdk-lib Stack (`unknown-account` / `unknown-region` when environment-agnostic). */
function environmentOf(stack: IConstruct): string {
  return (stack as unknown as { environment: string }).environment;
}

/**
 * Why the functions of `consumer` cannot use `shared` (an EventQueue,
 * EventTopic, EventBus, EventBucket or AlarmChannel), or undefined when they
 * can. Any cloud: a construct of the consumer's own stack. AWS: also one of
 * another stack of the same app stage, account and region, nested or not:
 * aws-cdk-lib turns each use into a cross-stack reference (nested stack
 * parameters and outputs, or an export and Fn::ImportValue between top-level
 * stacks, which it supports only within one environment:
 * https://docs.aws.amazon.com/cdk/v2/guide/resources.html#resource-stack).
 * Another account, region or cloud cannot be reached that way.
 */
export function sharingProblem(shared: IConstruct, consumer: IConstruct): string | undefined {
  const from = resolveTarget(shared, shared.node.path);
  const to = resolveTarget(consumer, consumer.node.path);
  if (from.stack === to.stack) {
    return undefined;
  }
  if (from.provider !== to.provider) {
    return `is on ${from.provider}, in ${from.stack.node.path}, not on ${to.provider}: share resources of the consumer's own cloud`;
  }
  if (from.provider !== CloudProvider.AWS) {
    return `is in another stack (${from.stack.node.path}): ${from.provider === CloudProvider.LOCAL ? 'a LocalStack' : 'an AzureStack or GcpStack'} shares its resources with its own functions only`;
  }
  if (stageOf(from.stack) !== stageOf(to.stack)) {
    return `is in another stack (${from.stack.node.path}) of another CDK app or stage: aws-cdk-lib cross-stack references join the stacks of one stage`;
  }
  const env = environmentOf(from.stack);
  if (env !== environmentOf(to.stack)) {
    return `is in another stack (${from.stack.node.path}) deployed to ${env}, not ${environmentOf(to.stack)}: aws-cdk-lib cross-stack references join stacks of one account and region; `
      + 'use a shared resource of the consumer\'s own account and region';
  }
  return undefined;
}
