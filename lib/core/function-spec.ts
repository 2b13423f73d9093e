import * as fs from 'fs';
import * as path from 'path';
import { CLOUD_LABEL, CloudProvider } from './cloud-provider';
import { describeValue, ProblemCollector } from './errors';
import { FunctionCode, FunctionCodeKind } from './function-code';
import type { FunctionLoadInput } from './cost-estimate';
import { CloudLimits, isReservedName, LIMITS } from './limits';
import { HandlerApi } from './handler-api';
import { checkHandlerApi, checkPortableEnvironment } from './portable-spec';
import { CodeLayoutInput, codeLayoutProblems, folderView } from './package/code-layout';
import { FunctionRuntime } from './runtime';
import { runtimeDeprecation, runtimeIdFor, runtimesOfferedBy } from './runtime-support';
import { isUnresolved } from './tokens';
import { Trigger, TriggerKind } from './trigger';
import { GCP_ROUTES_NOT_ENFORCED } from './triggers/cross-trigger-rules';
import { normaliseTriggers } from './triggers/normalise-triggers';
import { checkQueueConsumers } from './triggers/queue-consumers';
import type { TriggerSpec } from './triggers/trigger-spec';
import { checkFunctionRegion } from './regions';
import { A_STRING, arrayOf, checkTypes, given, inRange, isNumberToken, struct, checkNumber } from './validation';

export { asyncDeliveryDefaults } from './triggers/delivery';
export { sharedTriggerId } from './triggers/trigger-options';
export type {
  EventBusTriggerSpec, HttpTriggerSpec, QueueTriggerSpec, ScheduleTriggerSpec, StorageTriggerSpec, TopicTriggerSpec, TriggerSpec,
} from './triggers/trigger-spec';

/** The function props as lib/core reads them (the public props interface matches this shape). */
export interface FunctionInput {
  readonly runtime: FunctionRuntime;
  readonly code: FunctionCode;
  readonly handler: string;
  readonly memoryMb?: number;
  readonly timeoutSeconds?: number;
  readonly environment?: { [key: string]: string };
  readonly maxConcurrency?: number;
  readonly logRetentionDays?: number;
  readonly description?: string;
  readonly region?: string;
  readonly triggers?: Trigger[];
  readonly expectedLoad?: FunctionLoadInput;
  readonly handlerApi?: HandlerApi;
}

/** A function's props, validated for one cloud, with every default applied. */
export interface FunctionSpec {
  readonly cloud: CloudProvider;
  readonly constructPath: string;
  readonly runtime: FunctionRuntime;
  /** The cloud's runtime id, e.g. `nodejs22.x`, `node:22`, `nodejs22`. */
  readonly runtimeId: string;
  readonly code: FunctionCode;
  /** Handler module path without extension, relative to the code root, e.g. `index` or `src/app`. */
  readonly handlerFile: string;
  /** Exported function name. */
  readonly handlerExport: string;
  /** How the code receives invocations: each cloud's own shape, or Cirrus's portable event. */
  readonly handlerApi: HandlerApi;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly environment: { [key: string]: string };
  readonly maxConcurrency?: number;
  readonly logRetentionDays: number;
  readonly description?: string;
  /** Azure and GCP: the region the function runs in, when not the stack's. */
  readonly region?: string;
  readonly triggers: TriggerSpec[];
  /** The expected monthly load, for cost estimates. */
  readonly expectedLoad?: FunctionLoadInput;
  /** Best-effort options the cloud cannot honour exactly: become warning annotations. */
  readonly warnings: string[];
}

const HANDLER = /^([A-Za-z0-9_][A-Za-z0-9_\-/.]*)\.([A-Za-z_$][A-Za-z0-9_$]*)$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const INLINE_LIMIT = 4096;

/**
 * Checks the memory against the cloud's sizes and returns the size the
 * function runs with: the declared one, or on a cloud whose sizes round up
 * (Azure Flex instances), the smallest size that holds it, with a warning.
 */
function checkMemory(problems: ProblemCollector, warnings: string[], limits: CloudLimits, value: number, cloud: string): number {
  if (isNumberToken(value)) {
    return value;
  }
  if ('sizes' in limits.memory) {
    const sizes = limits.memory.sizes;
    if (sizes.includes(value)) {
      return value;
    }
    const larger = limits.memory.roundsUp && Number.isInteger(value) && value >= 128 ? sizes.find((s) => s >= value) : undefined;
    if (larger !== undefined) {
      warnings.push(`memoryMb ${value} runs on a ${larger} MB instance on ${cloud}, whose instances have ${sizes.join(', ')} MB`);
      return larger;
    }
    problems.invalid('memoryMb', limits.memory.roundsUp
      ? `must be a whole number from 128 to ${sizes[sizes.length - 1]} on ${cloud} (instances of ${sizes.join(', ')} MB; other sizes run on the next larger one)`
      : `must be one of ${sizes.join(', ')} on ${cloud}`, value);
  } else if (!inRange(value, limits.memory)) {
    problems.invalid('memoryMb', `must be between ${limits.memory.min} and ${limits.memory.max} on ${cloud}`, value);
  }
  return value;
}

function checkLogRetention(problems: ProblemCollector, limits: CloudLimits, value: number, cloud: string): void {
  if (isNumberToken(value)) {
    return;
  }
  if ('values' in limits.logRetention) {
    if (!limits.logRetention.values.includes(value)) {
      problems.invalid('logRetentionDays', `must be one of ${limits.logRetention.values.join(', ')} on ${cloud}`, value);
    }
  } else if (!inRange(value, limits.logRetention)) {
    problems.invalid('logRetentionDays', `must be a whole number from ${limits.logRetention.min} to ${limits.logRetention.max} on ${cloud}`, value);
  }
}

function checkCode(problems: ProblemCollector, input: FunctionInput, handlerFile: string): void {
  const code = input.code;
  if (code.kind === FunctionCodeKind.INLINE) {
    const source: unknown = given(code.inlineSource, '');
    if (typeof source !== 'string') {
      problems.invalid('code', 'must be FunctionCode.fromInline(source) with the module source as a string', source);
    } else if (source.trim().length === 0) {
      problems.add('code is empty: FunctionCode.fromInline needs the handler module source');
    } else if (source.length > INLINE_LIMIT) {
      problems.add(`code is ${source.length} characters inline; inline code is limited to ${INLINE_LIMIT} (AWS ZipFile): use FunctionCode.fromAsset`);
    }
    // An empty handlerFile means the handler itself is invalid, which is reported already.
    if (handlerFile !== 'index' && handlerFile !== '') {
      problems.invalid('handler', 'must be index.<export> with inline code, which is written to index.js / index.py', input.handler);
    }
    return;
  }
  const dir: unknown = given(code.assetPath, '');
  if (typeof dir !== 'string') {
    problems.invalid('code', 'must be FunctionCode.fromAsset(folder) with the folder\'s path as a string', dir);
    return;
  }
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    problems.add(`code asset folder ${describeValue(dir)} does not exist or is not a folder`);
    return;
  }
  const file = path.join(dir, handlerFile + input.runtime.fileExtension);
  if (handlerFile && !fs.existsSync(file)) {
    problems.add(`handler ${describeValue(input.handler)} names the module ${describeValue(handlerFile + input.runtime.fileExtension)}, which is not in the code folder ${describeValue(dir)}`);
  }
}

/** The rules of lib/core/package/code-layout.ts, on the code folder (skipped when the folder itself is wrong, which checkCode reports). */
function checkCodeLayout(problems: ProblemCollector, input: FunctionInput, layout: CodeLayoutInput): void {
  const code = input.code;
  const folder = code.kind === FunctionCodeKind.ASSET ? code.assetPath : undefined;
  if (code.kind === FunctionCodeKind.ASSET && !(typeof folder === 'string' && fs.existsSync(folder) && fs.statSync(folder).isDirectory())) {
    return;
  }
  codeLayoutProblems(layout, folderView(folder, `${layout.handlerFile}${input.runtime.fileExtension}`)).forEach((p) => problems.add(p));
}

function checkEnvironment(problems: ProblemCollector, env: { [key: string]: string }, limits: CloudLimits, cloud: string): void {
  let size = 0;
  for (const [name, value] of Object.entries(env)) {
    if (!ENV_NAME.test(name)) {
      problems.invalid(`environment key ${describeValue(name)}`, 'must start with a letter or underscore and hold only letters, digits and underscores', name);
    } else if (isReservedName(name, limits.reservedEnvironment)) {
      problems.add(`environment key ${describeValue(name)} is reserved by the platform on ${cloud} (reserved: ${limits.reservedEnvironment.join(', ')})`);
    }
    if (typeof value !== 'string') {
      problems.invalid(`environment.${name}`, 'must be a string', value);
    }
    size += name.length + String(value).length;
  }
  if (cloud === 'AWS' && size > 4096) {
    problems.add(`environment is ${size} bytes; AWS Lambda allows 4096 bytes of variables in total`);
  }
}

function timeoutCap(cloud: CloudProvider, triggers: TriggerSpec[]): { max: number; reason: string } {
  const limits = LIMITS[cloud];
  let cap = { max: limits.maxTimeoutSeconds, reason: `on ${CLOUD_LABEL[cloud]}` };
  if (cloud === CloudProvider.GCP) {
    if (triggers.some((t) => t.kind === TriggerKind.QUEUE) && limits.maxQueueTimeoutSeconds < cap.max) {
      cap = { max: limits.maxQueueTimeoutSeconds, reason: 'on GCP with a queue trigger (Pub/Sub push acknowledgement deadline)' };
    }
    if (triggers.some((t) => t.kind === TriggerKind.SCHEDULE) && limits.maxScheduleTimeoutSeconds < cap.max) {
      cap = { max: limits.maxScheduleTimeoutSeconds, reason: 'on GCP with a schedule trigger (Cloud Scheduler attempt deadline)' };
    }
  }
  return cap;
}

/**
 * Validates a function's props for one cloud and applies the defaults.
 * Throws one CirrusValidationError listing every problem.
 */
export function buildFunctionSpec(cloud: CloudProvider, constructPath: string, props: FunctionInput): FunctionSpec {
  const problems = new ProblemCollector();
  const label = CLOUD_LABEL[cloud];
  const limits = LIMITS[cloud];
  const warnings: string[] = [];
  // Props of the wrong type are reported here and left out below; numbers are checked with their ranges.
  const input = checkTypes(problems, props, {
    environment: struct('variable names to strings', '{ TABLE: "orders" }'),
    description: A_STRING,
    region: A_STRING,
    triggers: arrayOf('Trigger, e.g. [Trigger.http()]'),
    expectedLoad: struct('FunctionLoad', '{ monthlyInvocations: 1000000, averageDurationMs: 200 }'),
  });

  if (!(input.runtime instanceof FunctionRuntime)) {
    problems.invalid('runtime', 'must be a FunctionRuntime such as FunctionRuntime.NODEJS_22', input.runtime);
  }
  const runtimeId = input.runtime instanceof FunctionRuntime ? runtimeIdFor(cloud, input.runtime) : undefined;
  if (input.runtime instanceof FunctionRuntime && !runtimeId) {
    problems.invalid('runtime', `is not offered on ${label}; it offers ${runtimesOfferedBy(cloud).join(', ')}`, input.runtime.name);
  }
  const deprecation = input.runtime instanceof FunctionRuntime ? runtimeDeprecation(cloud, input.runtime) : undefined;
  if (deprecation) {
    warnings.push(`runtime ${input.runtime.name} is ${deprecation}: move to a newer runtime`);
  }

  const match = typeof input.handler === 'string' ? HANDLER.exec(input.handler) : null;
  if (!match) {
    problems.invalid('handler', 'must be "<file>.<export>", e.g. "index.handler"', input.handler);
  }
  const handlerFile = match ? match[1] : '';
  const handlerExport = match ? match[2] : '';
  if (!(input.code instanceof FunctionCode)) {
    problems.invalid('code', 'must be made with FunctionCode.fromAsset or FunctionCode.fromInline', input.code);
  } else if (input.runtime instanceof FunctionRuntime) {
    checkCode(problems, input, handlerFile);
  }
  const handlerApi = checkHandlerApi(problems, cloud, input.handlerApi, input.runtime, input.code, handlerFile, handlerExport);

  const memoryMb = checkMemory(problems, warnings, limits, given(input.memoryMb, limits.defaultMemoryMb), label);

  const triggers = normaliseTriggers(problems, cloud, input.triggers ?? [], warnings);
  if (match && input.code instanceof FunctionCode && input.runtime instanceof FunctionRuntime) {
    checkCodeLayout(problems, input, { cloud, family: input.runtime.family, handlerApi, handlerFile, handlerExport, triggerIds: triggers.map((t) => t.id) });
  }
  checkQueueConsumers(problems, cloud, constructPath, triggers);

  const timeoutSeconds = given(input.timeoutSeconds, 30);
  const cap = timeoutCap(cloud, triggers);
  checkNumber(problems, 'timeoutSeconds', timeoutSeconds, { min: 1, max: cap.max }, cap.reason.replace(/^on /, ''));
  if (cloud === CloudProvider.AWS && isNumberToken(timeoutSeconds) && triggers.some((t) => t.kind === TriggerKind.QUEUE)) {
    problems.add('timeoutSeconds cannot be an unresolved token on AWS with a queue trigger: the queue\'s visibility timeout is set to six times the function timeout at synth time');
  }
  if (cloud === CloudProvider.AZURE && isNumberToken(timeoutSeconds)) {
    problems.add('timeoutSeconds cannot be an unresolved token on Azure: it is written into host.json inside the code package at synth time');
  }
  if (cloud === CloudProvider.GCP && isNumberToken(timeoutSeconds) && triggers.some((t) => t.kind !== TriggerKind.HTTP)) {
    problems.add('timeoutSeconds cannot be an unresolved token on GCP with an event trigger: the Cloud Scheduler attempt deadline and the Pub/Sub acknowledgement deadline are derived from it at synth time');
  }
  if (triggers.some((t) => t.kind === TriggerKind.HTTP) && timeoutSeconds > limits.maxHttpTimeoutSeconds) {
    warnings.push(`timeoutSeconds ${timeoutSeconds} exceeds the ${limits.maxHttpTimeoutSeconds} s that ${label} waits for an HTTP response; HTTP callers are cut off first`);
  }

  if (input.maxConcurrency !== undefined) {
    checkNumber(problems, 'maxConcurrency', input.maxConcurrency, limits.concurrency, label);
  }
  const logRetentionDays = given(input.logRetentionDays, 30);
  checkLogRetention(problems, limits, logRetentionDays, label);

  const environment = { ...(input.environment ?? {}) };
  checkEnvironment(problems, environment, limits, label);
  checkPortableEnvironment(problems, handlerApi, environment);

  if (input.description !== undefined && !isUnresolved(input.description) && input.description.length > 256) {
    problems.invalid('description', 'must be at most 256 characters', `${input.description.slice(0, 40)}...`);
  }

  const region = checkFunctionRegion(problems, cloud, input.region);

  const load = input.expectedLoad;
  if (load) {
    const { monthlyInvocations: invocations, averageDurationMs: duration } = load;
    if (!isNumberToken(invocations) && !(typeof invocations === 'number' && Number.isInteger(invocations) && invocations >= 0)) {
      problems.invalid('expectedLoad.monthlyInvocations', 'must be a whole number of at least 0', invocations);
    }
    const maxMs = typeof timeoutSeconds === 'number' && !isNumberToken(timeoutSeconds) ? timeoutSeconds * 1000 : Infinity;
    if (!isNumberToken(duration) && !(typeof duration === 'number' && duration > 0 && duration <= maxMs)) {
      problems.invalid('expectedLoad.averageDurationMs', `must be above 0 and at most the timeout${maxMs < Infinity ? ` (${maxMs} ms)` : ''}`, duration);
    }
  }

  problems.throwIfAny(constructPath);
  // A portable handler's adapter enforces the declared paths and methods on GCP.
  const notEnforced = warnings.indexOf(GCP_ROUTES_NOT_ENFORCED);
  if (handlerApi === HandlerApi.PORTABLE && notEnforced >= 0) {
    warnings.splice(notEnforced, 1);
  }
  return {
    cloud, constructPath, runtime: input.runtime, runtimeId: runtimeId!, code: input.code, handlerFile, handlerExport, handlerApi,
    memoryMb, timeoutSeconds, environment, maxConcurrency: input.maxConcurrency, logRetentionDays,
    description: input.description, region, triggers, warnings, expectedLoad: load,
  };
}
