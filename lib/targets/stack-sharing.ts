import { Construct, IConstruct } from 'constructs';
import { CLOUD_LABEL, CloudProvider } from '../core/cloud-provider';
import { pathHash } from '../core/naming';
import { resolveTarget } from './resolve-target';

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
  [CloudProvider.AWS]: () => 'on AWS, a function uses the shared resources of its own stack',
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
  const id = `Uses${pathHash(shared.node.path)}`;
  return (fn.node.tryFindChild(id) as Construct | undefined) ?? new Construct(fn, id);
}
