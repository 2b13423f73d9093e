// The workload both sides of the benchmark synthesize: N functions, each with
// one queue trigger or one HTTP trigger, on one cloud. Shared by the Cirrus app
// and the hand-written baselines so that both build exactly the same thing.
import * as path from 'path';

export type Cloud = 'aws' | 'azure' | 'gcp';
export type TriggerKindName = 'queue' | 'http';
export type Impl = 'cirrus' | 'baseline';

/** What one child process synthesizes. */
export interface Workload {
  readonly cloud: Cloud;
  readonly kind: TriggerKindName;
  /** Number of functions. */
  readonly n: number;
  /** Synthesis output folder (a temp dir, never the repository). */
  readonly outdir: string;
  /** AWS: functions per stack. @default AWS_FUNCTIONS_PER_STACK */
  readonly functionsPerStack?: number;
  /** AWS, Cirrus side: all N functions in one stack with FunctionPlacement.nestedStacks (bench/nested.ts). */
  readonly nested?: boolean;
}

/** The one stack of the nested-placement workload. */
export const AWS_NESTED_STACK_ID = 'bench-aws-nested';

/**
 * AWS: the issue asks for stacks of at most 40 functions. CloudFormation
 * allows 500 resources per stack, so the driver lowers it when a function
 * synthesizes more than 12 resources (bench/run.ts measures that first).
 */
export const AWS_FUNCTIONS_PER_STACK = 40;
export const CLOUDFORMATION_RESOURCE_LIMIT = 500;

/** The handler folder every function packages (tracked in the repository). */
export const HANDLER_DIR = path.resolve(__dirname, '..', 'examples', 'order-processing', 'handlers', 'orders');

export const AZURE_LOCATION = 'westeurope';
export const GCP_PROJECT = 'acme-bench';
export const GCP_REGION = 'europe-west1';

/** Construct ids, so both sides build the same tree (and the same logical ids / Terraform addresses). */
export const functionId = (i: number): string => `Fn${i}`;
export const awsStackId = (s: number): string => `bench-aws-${s}`;
export const AZURE_STACK_ID = 'bench-azure';
export const GCP_STACK_ID = 'bench-gcp';

/** The HTTP trigger every HTTP function gets. */
export const HTTP_PATH = '/items';

/** Number of AWS stacks for N functions. */
export function awsStackCount(n: number, perStack = AWS_FUNCTIONS_PER_STACK): number {
  return Math.ceil(n / perStack);
}

/** Which functions go into which AWS stack: [stackIndex, functionIndex]. */
export function* awsLayout(n: number, perStack = AWS_FUNCTIONS_PER_STACK): Generator<[number, number]> {
  for (let i = 0; i < n; i++) {
    yield [Math.floor(i / perStack), i];
  }
}

/** What an implementation hands back to the child driver. */
export interface BuiltApp {
  /** Writes the output (CloudFormation or Terraform JSON) to the workload's outdir. */
  synth(): void;
}

/** An implementation of the workload (Cirrus or a hand-written baseline). */
export type BuildFn = (w: Workload) => BuiltApp;
