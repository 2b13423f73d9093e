import { Construct, IConstruct } from 'constructs';
import { HandleSlot } from '../core/handle-slot';
import { CLOUD_LABEL, CloudProvider } from '../core/cloud-provider';
import { pathHash } from '../core/naming';
import { resolveTarget } from './resolve-target';

/** The symbol aws-cdk-lib marks every Stage (and App) with (core/lib/private/core-construct-finders.js). */
const CDK_STAGE = Symbol.for('@aws-cdk/core.Stage');

function stageOf(scope: IConstruct): IConstruct | undefined {
  return [...scope.node.scopes].reverse().find((s) => CDK_STAGE in s);
}

/** The stack of each side of a share, and its cloud. */
interface Side {
  readonly provider: CloudProvider;
  readonly stack: IConstruct;
}

/**
 * Per cloud: whether a shared construct (queue, topic, bus, bucket, alarm
 * channel) of one stack may be used from another stack of the same cloud.
 * Undefined when it may; otherwise why not (it follows "… is in another
 * stack; "). The same-stack case never reaches a rule.
 */
const SHARE_RULES: Record<CloudProvider, (owner: Side, user: Side) => string | undefined> = {
  // aws-cdk-lib turns each use into a cross-stack reference (nested stack parameters and outputs, or an
  // export and Fn::ImportValue between top-level stacks), which it supports within one stage, account and
  // region: https://docs.aws.amazon.com/cdk/v2/guide/resources.html#resource-stack
  [CloudProvider.AWS]: (owner, user) => {
    if (stageOf(owner.stack) !== stageOf(user.stack)) {
      return 'the stacks are in different CDK apps or stages: aws-cdk-lib cross-stack references join the stacks of one stage';
    }
    const [a, b] = [owner, user].map((s): unknown => Reflect.get(s.stack, 'environment')); // Stack.environment: aws://account/region
    return a === b ? undefined : `the function deploys to ${String(b)}, the shared resource to ${String(a)}: aws-cdk-lib cross-stack references join stacks of one account and region`;
  },
  [CloudProvider.LOCAL]: () => 'a local run shares resources within one LocalStack',
  // Terraform stacks of one cdktf app: a reference to another stack's resource becomes an output of
  // that stack and a terraform_remote_state data source in the user's (cdktf 0.21 cross-stack references),
  // and cdktf orders the stacks. Within one project or subscription, nothing else is needed.
  [CloudProvider.GCP]: (owner, user) => {
    const [a, b] = [owner, user].map((s): unknown => Reflect.get(s.stack, 'project')); // GcpStack.project
    return a === b ? sameApp(owner, user) : `the function deploys to project ${b}, the shared resource to project ${a}: Cirrus shares between the GcpStacks of one project`;
  },
  [CloudProvider.AZURE]: (owner, user) => {
    const [a, b] = [owner, user].map((s): unknown => Reflect.get(s.stack, 'subscriptionId')); // AzureStack.subscriptionId
    // Without subscriptionId, Terraform's credentials choose the subscription at apply time; the stacks of one app share them.
    return a !== undefined && b !== undefined && a !== b
      ? `the function deploys to subscription ${b}, the shared resource to subscription ${a}: Cirrus shares between the AzureStacks of one subscription`
      : sameApp(owner, user);
  },
};

function sameApp(owner: Side, user: Side): string | undefined {
  return owner.stack.node.root === user.stack.node.root ? undefined : 'the stacks are in different apps: cross-stack references work within one cdktf App';
}

/**
 * Why `user` (a function) cannot use `shared` (a construct of a stack), or
 * undefined when it can: always within one stack; across stacks where the
 * cloud's rule allows it; never across clouds.
 */
export function crossStackRefusal(shared: IConstruct, user: IConstruct): string | undefined {
  const owner = resolveTarget(shared, shared.node.path);
  const consumer = resolveTarget(user, user.node.path);
  if (owner.stack === consumer.stack) {
    return undefined;
  }
  if (owner.provider !== consumer.provider) {
    return `the function renders for ${CLOUD_LABEL[consumer.provider]}, the shared resource for ${CLOUD_LABEL[owner.provider]}: nothing is shared across clouds`;
  }
  return SHARE_RULES[owner.provider](owner, consumer);
}

/**
 * Where the resources that wire `fn` to `shared` (grants, subscriptions)
 * live: beside the shared construct in its own stack; in the function's
 * stack when they are in different ones, so references only ever point
 * from the stacks that use shared resources to the stacks that own them
 * (two stacks referencing each other would be a dependency cycle).
 */
export function wiringScope(shared: Construct, fn: Construct): Construct {
  if (resolveTarget(shared, shared.node.path).stack === resolveTarget(fn, fn.node.path).stack) {
    return shared;
  }
  const scopes = WIRING_SCOPES.getOrCreate(fn, () => new Map<Construct, Construct>());
  const made = scopes.get(shared) ?? new Construct(fn, `Uses${pathHash(shared.node.path)}`);
  scopes.set(shared, made);
  return made;
}

/** The scope under each function that holds its wiring to each shared construct of another stack. */
const WIRING_SCOPES = new HandleSlot<Map<Construct, Construct>>('wiring scopes');
