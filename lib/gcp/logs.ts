import { LoggingProjectBucketConfig } from '@cdktf/provider-google/lib/logging-project-bucket-config';
import { LoggingProjectExclusion } from '@cdktf/provider-google/lib/logging-project-exclusion';
import { LoggingProjectSink } from '@cdktf/provider-google/lib/logging-project-sink';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import type { GcpStack } from '../../constructs/gcp-stack';
import { GCP_LOGGING_FILTER_MAX_LENGTH } from '../core/quotas';
import { StackShared, StackSharedPerKey } from '../core/stack-shared';
import { gcpName } from './names';
import { needsApis } from './stack-services';

/**
 * One routing resource (a sink, or the _Default exclusion) whose filter
 * lists some of the stack's function names. Filters hold at most 20,000
 * characters, so a stack has as many as its names need, filled in order.
 */
interface FilterChunk {
  readonly names: string[];
  /** The sink of a sink's chunk, once created. */
  sink?: LoggingProjectSink;
}

/** Per stack: the sinks' chunks per retention period, and the exclusion's chunks. */
const ROUTED = new StackShared((_stack: GcpStack): { sinks: Map<number, FilterChunk[]>; exclusions: FilterChunk[] } => ({ sinks: new Map(), exclusions: [] }));

const RUN_LOGS = 'resource.type="cloud_run_revision"';

/** The Cloud Logging filter matching one function's runtime logs. */
export function functionLogFilter(functionName: string): string {
  return `${RUN_LOGS} AND resource.labels.service_name="${functionName}"`;
}

/**
 * The Cloud Logging filter matching the runtime logs of these functions:
 * `resource.labels.service_name=("a" OR "b" ...)`, about 6 characters
 * beside each name, so one filter lists 300-400 functions.
 */
export function functionsLogFilter(functionNames: string[]): string {
  return `${RUN_LOGS} AND resource.labels.service_name=(${functionNames.map((n) => `"${n}"`).join(' OR ')})`;
}

/** Adds a name to the last chunk, or to a new one (returned as `created`) when the filter would pass the limit. */
function addToChunks(chunks: FilterChunk[], name: string): { chunk: FilterChunk; index: number; created: boolean } {
  const last = chunks[chunks.length - 1];
  if (last && functionsLogFilter([...last.names, name]).length <= GCP_LOGGING_FILTER_MAX_LENGTH) {
    last.names.push(name);
    return { chunk: last, index: chunks.length - 1, created: false };
  }
  const chunk: FilterChunk = { names: [name] };
  chunks.push(chunk);
  return { chunk, index: chunks.length - 1, created: true };
}

/** Construct id and name suffix of the n-th chunk: the first keeps the plain id. */
function chunkSuffix(index: number): string {
  return index === 0 ? '' : `${index + 1}`;
}

/** The id of the stack's log bucket for one retention period. */
export function logBucketId(stack: GcpStack, retentionDays: number): string {
  return gcpName(stack, 'gcpResource', `logs-${retentionDays}d`);
}

/**
 * The stack's log bucket for one retention period, created once per distinct
 * period (log buckets are limited to 100 per project, so not one per function).
 */
const LOG_BUCKETS = new StackSharedPerKey((stack: GcpStack, retentionDays: number) => new LoggingProjectBucketConfig(stack, `CirrusLogs${retentionDays}d`, {
  project: stack.project,
  location: 'global',
  bucketId: logBucketId(stack, retentionDays),
  retentionDays,
  description: `Logs of Cirrus functions in ${stack.node.path}, kept ${retentionDays} days`,
  dependsOn: needsApis(stack, 'logging'),
}));

/**
 * Exclusions on the project's _Default sink for the functions whose logs
 * Cirrus routes to a retention bucket, so they are neither kept past their
 * retention nor stored (and billed) twice. Each exclusion's filter lists
 * functions by name, built at synth time; a new exclusion starts when the
 * filter would pass 20,000 characters (a sink allows 50 exclusions,
 * counted across the project's stacks by the quota check).
 */
function excludeFromDefault(stack: GcpStack, chunks: FilterChunk[], functionName: string): void {
  const { chunk, index, created } = addToChunks(chunks, functionName);
  if (created) {
    const id = `CirrusDefaultLogExclusion${chunkSuffix(index)}`;
    new LoggingProjectExclusion(stack, id, {
      name: gcpName(stack, 'gcpResource', `routed-logs${index === 0 ? '' : `-${index + 1}`}`),
      description: `Logs of Cirrus functions in ${stack.node.path}: routed to their retention buckets`,
      filter: Lazy.stringValue({ produce: () => functionsLogFilter(chunk.names) }),
      dependsOn: needsApis(stack, 'logging'),
    });
  }
}

/**
 * Routes a function's logs to the stack's bucket for its retention period
 * and keeps them out of _Default. One project sink per stack and
 * retention period lists its functions (a second one starts when the
 * filter would pass 20,000 characters), instead of a sink per function:
 * a project allows 200 sinks (https://cloud.google.com/logging/quotas), so
 * a sink per function stopped at 200 functions per project. No IAM is
 * needed for a bucket of the same project.
 */
export function routeFunctionLogs(_scope: Construct, stack: GcpStack, functionName: string, retentionDays: number): LoggingProjectSink {
  const bucket = LOG_BUCKETS.of(stack, retentionDays);
  const routed = ROUTED.of(stack);
  excludeFromDefault(stack, routed.exclusions, functionName);
  const chunks = routed.sinks.get(retentionDays) ?? [];
  routed.sinks.set(retentionDays, chunks);
  const { chunk, index } = addToChunks(chunks, functionName);
  chunk.sink ??= new LoggingProjectSink(stack, `CirrusLogSink${retentionDays}d${chunkSuffix(index)}`, {
    name: gcpName(stack, 'gcpResource', `route-${retentionDays}d${index === 0 ? '' : `-${index + 1}`}`),
    description: `Logs of the Cirrus functions in ${stack.node.path} that keep logs ${retentionDays} days`,
    filter: Lazy.stringValue({ produce: () => functionsLogFilter(chunk.names) }),
    destination: `logging.googleapis.com/projects/${stack.project}/locations/global/buckets/${logBucketId(stack, retentionDays)}`,
    uniqueWriterIdentity: true,
    dependsOn: [bucket],
  });
  return chunk.sink;
}
