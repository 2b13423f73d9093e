import { createHash } from 'crypto';
import type { IConstruct } from 'constructs';
import { CirrusValidationError, describeValue } from './errors';

/**
 * CloudFormation's per-template quotas, which every template Cirrus writes
 * (a stack's, and each nested stack's) must stay within.
 * Source: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html
 * (Resources 500, Outputs 200, Parameters 200, Mappings 200 per template;
 * template body 1 MB from S3, which is how nested stacks and `cdk deploy`
 * pass templates over 51,200 bytes).
 */
export const CLOUDFORMATION_TEMPLATE_LIMITS = {
  resources: 500,
  outputs: 200,
  parameters: 200,
  mappings: 200,
  templateBytes: 1_000_000,
} as const;

/** Nested stacks the functions of a stack are spread over when nothing else is said. */
export const DEFAULT_PLACEMENT_GROUPS = 64;

/**
 * Most nested stacks of one stack: each is a resource of its parent, which
 * keeps room for the shared queues, topics, buses and buckets (500 in all).
 */
export const MAX_PLACEMENT_GROUPS = 200;

/** A group name: the id of a nested stack, so letters and digits, starting with a letter. */
const GROUP_NAME = /^[A-Za-z][A-Za-z0-9]{0,39}$/;

/** The placement a stack asked for with FunctionPlacement.nestedStacks. */
export interface StackPlacementConfig {
  readonly groups: number;
}

/** Per stack: its placement rule, and whether a function has been placed in it yet. */
const CONFIG = new WeakMap<IConstruct, StackPlacementConfig>();
const PLACED = new WeakSet<IConstruct>();

/** Records a stack's nested placement; fails if functions already rendered in it or the options are bad. */
export function configureNestedPlacement(stack: IConstruct, groups: unknown): void {
  const problems: string[] = [];
  if (typeof groups !== 'number' || !Number.isInteger(groups) || groups < 1 || groups > MAX_PLACEMENT_GROUPS) {
    problems.push(`groups must be a whole number between 1 and ${MAX_PLACEMENT_GROUPS} (got ${describeValue(groups)})`);
  }
  const existing = CONFIG.get(stack);
  if (existing && existing.groups !== groups) {
    problems.push(`FunctionPlacement.nestedStacks was already called with groups ${existing.groups} (got ${describeValue(groups)})`);
  }
  if (PLACED.has(stack) && !existing) {
    problems.push('FunctionPlacement.nestedStacks must be called before the first EventDrivenFunction of the stack is created');
  }
  if (problems.length > 0) {
    throw new CirrusValidationError(stack.node.path, problems);
  }
  CONFIG.set(stack, { groups: groups as number });
}

/**
 * The app context key that turns nested placement on for every AWS stack of
 * an app without code: `"@cirrus/aws:nestedStacks": true` (64 groups) or a
 * number of groups, in cdk.json's `context` or `cdk synth -c`. A stack that
 * called FunctionPlacement.nestedStacks keeps its own groups.
 */
export const NESTED_STACKS_CONTEXT_KEY = '@cirrus/aws:nestedStacks';

/** Per stack: the placement its context asked for (undefined: none), read at its first function. */
const FROM_CONTEXT = new WeakMap<IConstruct, StackPlacementConfig | undefined>();

/**
 * The nested placement of a stack: FunctionPlacement.nestedStacks's, else the
 * app context key's, else none. Marks that a function is placed in it.
 */
export function placementOf(stack: IConstruct): StackPlacementConfig | undefined {
  PLACED.add(stack);
  const configured = CONFIG.get(stack);
  if (configured) {
    return configured;
  }
  if (!FROM_CONTEXT.has(stack)) {
    FROM_CONTEXT.set(stack, contextPlacement(stack));
  }
  return FROM_CONTEXT.get(stack);
}

/**
 * The placement the context key asks of a stack. Values from `cdk synth -c`
 * arrive as strings, so "true", "false" and digits are read like cdk.json's
 * true, false and numbers.
 */
function contextPlacement(stack: IConstruct): StackPlacementConfig | undefined {
  const value: unknown = stack.node.tryGetContext(NESTED_STACKS_CONTEXT_KEY);
  const read = typeof value === 'string' && /^(true|false|\d+)$/.test(value.trim()) ? JSON.parse(value.trim()) : value;
  if (read === undefined || read === false) {
    return undefined;
  }
  if (read === true) {
    return { groups: DEFAULT_PLACEMENT_GROUPS };
  }
  if (typeof read === 'number' && Number.isInteger(read) && read >= 1 && read <= MAX_PLACEMENT_GROUPS) {
    return { groups: read };
  }
  throw new CirrusValidationError(stack.node.path, [
    `context ${NESTED_STACKS_CONTEXT_KEY} must be true (${DEFAULT_PLACEMENT_GROUPS} nested stacks), false (none) or a whole number of nested stacks `
    + `between 1 and ${MAX_PLACEMENT_GROUPS} (got ${describeValue(value)}): set it in cdk.json's "context" or with cdk synth -c ${NESTED_STACKS_CONTEXT_KEY}=true`,
  ]);
}

/** Whether `name` may name a placement group; the problem otherwise. */
export function groupNameProblem(name: unknown): string | undefined {
  return typeof name === 'string' && GROUP_NAME.test(name)
    ? undefined
    : `placement group must be 1-40 letters and digits, starting with a letter (got ${describeValue(name)})`;
}

/**
 * The rule: a function goes to the nested stack numbered by the SHA-256 of
 * its construct path relative to its stack, modulo the number of groups.
 * It depends on nothing but that path and the group count, so adding,
 * removing or reordering other functions never moves it.
 */
export function hashedGroupId(relativePath: string, groups: number): string {
  const n = parseInt(createHash('sha256').update(relativePath).digest('hex').slice(0, 8), 16) % groups;
  return `Functions${String(n).padStart(String(groups - 1).length, '0')}`;
}

/** The nested stack id of a group a function is pinned to. */
export function pinnedGroupId(name: string): string {
  return /^Functions\d+$/.test(name) ? name : `Functions${name}`;
}

/** The placement a function asked for: a pinned group name, the stack itself, or nothing said. */
export interface PlacementRequest {
  readonly groupName?: string;
}

/**
 * Problems of an EventDrivenFunction's `placement` prop: it must be made by
 * FunctionPlacement, and only AWS has nested stacks to pin a group to.
 */
export function placementProblems(cloud: string, placement: unknown, isPlacement: boolean): string[] {
  if (placement === undefined || placement === null) {
    return [];
  }
  if (!isPlacement) {
    return [`placement must be made with FunctionPlacement.group(name) or FunctionPlacement.inStack() (got ${describeValue(placement)})`];
  }
  const group = (placement as PlacementRequest).groupName;
  return group !== undefined && cloud !== 'aws'
    ? [`placement FunctionPlacement.group(${JSON.stringify(group)}) is AWS only (CloudFormation nested stacks); an ${cloud === 'azure' ? 'AzureStack' : cloud === 'gcp' ? 'GcpStack' : 'LocalStack'} has no per-stack resource limit: leave placement out`]
    : [];
}
