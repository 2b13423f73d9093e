import { LoggingProjectBucketConfig } from '@cdktf/provider-google/lib/logging-project-bucket-config';
import { LoggingProjectExclusion } from '@cdktf/provider-google/lib/logging-project-exclusion';
import { LoggingProjectSink } from '@cdktf/provider-google/lib/logging-project-sink';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import type { GcpStack } from '../../constructs/gcp-stack';
import { gcpName } from './names';
import { needsApis, sharedChild } from './stack-services';

/** Function (Cloud Run service) names whose logs Cirrus routes, per stack. */
const ROUTED = new WeakMap<GcpStack, string[]>();

/** The Cloud Logging filter matching one function's runtime logs. */
export function functionLogFilter(functionName: string): string {
  return `resource.type="cloud_run_revision" AND resource.labels.service_name="${functionName}"`;
}

/** The id of the stack's log bucket for one retention period. */
export function logBucketId(stack: GcpStack, retentionDays: number): string {
  return gcpName(stack, 'gcpResource', `logs-${retentionDays}d`);
}

/**
 * The stack's log bucket for one retention period, created once per distinct
 * period (log buckets are limited to 100 per project, so not one per function).
 */
export function logBucket(stack: GcpStack, retentionDays: number): LoggingProjectBucketConfig {
  const id = `CirrusLogs${retentionDays}d`;
  return sharedChild(stack, id, () => new LoggingProjectBucketConfig(stack, id, {
    project: stack.project,
    location: 'global',
    bucketId: logBucketId(stack, retentionDays),
    retentionDays,
    description: `Logs of Cirrus functions in ${stack.node.path}, kept ${retentionDays} days`,
    dependsOn: needsApis(stack, 'logging'),
  }));
}

/**
 * One exclusion on the project's _Default sink for every function whose logs
 * Cirrus routes to a retention bucket, so they are neither kept past their
 * retention nor stored (and billed) twice. Its filter is built at synth time
 * from all the stack's functions. A project allows 10 such exclusions.
 */
function defaultSinkExclusion(stack: GcpStack): void {
  sharedChild(stack, 'CirrusDefaultLogExclusion', () => {
    const exclusion = new LoggingProjectExclusion(stack, 'CirrusDefaultLogExclusion', {
      name: gcpName(stack, 'gcpResource', 'routed-logs'),
      description: `Logs of Cirrus functions in ${stack.node.path}: routed to their retention buckets`,
      filter: Lazy.stringValue({ produce: () => exclusionFilter(stack) }),
      dependsOn: needsApis(stack, 'logging'),
    });
    exclusion.node.addValidation({ validate: () => exclusionProblems(stack) });
    return exclusion;
  });
}

/** Cloud Logging's limit on the length of a filter. */
const MAX_FILTER_LENGTH = 20000;

function exclusionFilter(stack: GcpStack): string {
  return (ROUTED.get(stack) ?? []).map((name) => `(${functionLogFilter(name)})`).join(' OR ');
}

/**
 * The exclusion's filter names every function of the stack (100–130
 * characters each, with the function's name), so 150–200 functions reach
 * Cloud Logging's 20,000-character limit: an error at synth, not at
 * `terraform apply`.
 */
export function exclusionProblems(stack: GcpStack): string[] {
  const length = exclusionFilter(stack).length;
  const count = (ROUTED.get(stack) ?? []).length;
  return length > MAX_FILTER_LENGTH
    ? [`the stack has ${count} functions, and the log exclusion that keeps their logs out of the _Default bucket would need a ${length}-character filter; Cloud Logging allows ${MAX_FILTER_LENGTH}: split the functions over more GcpStacks (about 150 per stack)`]
    : [];
}

/**
 * Routes a function's logs to the stack's bucket for its retention period
 * (a project sink; no IAM needed for a bucket of the same project) and
 * keeps them out of _Default.
 */
export function routeFunctionLogs(scope: Construct, stack: GcpStack, functionName: string, retentionDays: number): LoggingProjectSink {
  const bucket = logBucket(stack, retentionDays);
  const routed = ROUTED.get(stack) ?? [];
  ROUTED.set(stack, [...routed, functionName]);
  defaultSinkExclusion(stack);
  return new LoggingProjectSink(scope, 'LogSink', {
    name: gcpName(scope, 'gcpResource', 'logs'),
    description: `Logs of ${scope.node.path}, kept ${retentionDays} days`,
    filter: functionLogFilter(functionName),
    destination: `logging.googleapis.com/projects/${stack.project}/locations/global/buckets/${logBucketId(stack, retentionDays)}`,
    uniqueWriterIdentity: true,
    dependsOn: [bucket],
  });
}
