import { CLOUD_LABEL, CloudProvider } from './cloud-provider';
import { scheduleExpressionFor } from './cron';
import { ProblemCollector } from './errors';
import type { FunctionSpec } from './function-spec';
import { planInstances, warmCapacityMonthlyCost } from './capacity';
import { GCP_MEMORY_CPU } from './limits';
import { Schedule } from './schedule';
import { isUnresolved } from './tokens';
import { TriggerKind } from './trigger';
import { arrayOf, checkTypes, checkWholeNumber, given, isNumberToken, isStruct, struct } from './validation';

/** The load a warm pool is planned for (read by lib/core; the public struct matches this shape). */
export interface WarmPoolLoadInput {
  readonly peakRequestsPerSecond: number;
  readonly averageDurationMs: number;
}

/** One scheduled change of the floor (and optionally the ceiling). */
export interface ScheduledCapacityInput {
  readonly schedule: Schedule;
  readonly minInstances: number;
  readonly maxInstances?: number;
}

/** The pool props as lib/core reads them. */
export interface WarmPoolInput {
  readonly minInstances?: number;
  readonly maxInstances?: number;
  readonly targetUtilization?: number;
  readonly load?: WarmPoolLoadInput;
  readonly scheduledCapacity?: ScheduledCapacityInput[];
  readonly instanceConcurrency?: number;
}

/** A scheduled capacity change, translated for the cloud. */
export interface ScheduledCapacitySpec {
  readonly expression: string;
  readonly timeZone: string;
  readonly minInstances: number;
  readonly maxInstances: number;
}

/** A warm pool validated for one cloud, with its plan and cost. */
export interface WarmPoolSpec {
  readonly cloud: CloudProvider;
  readonly minInstances: number;
  /** The floor Little's law gave for the declared load, if any. */
  readonly plannedFromLoad?: number;
  readonly maxInstances: number;
  readonly targetUtilization: number;
  readonly instanceConcurrency: number;
  readonly scheduledCapacity: ScheduledCapacitySpec[];
  readonly estimatedMonthlyCostUsd: number;
  /** Azure always-ready groups (`http`, `function:<name>`), each kept at minInstances. */
  readonly azureGroups: string[];
  readonly warnings: string[];
}

/** AWS's default regional concurrency quota: a plan above it needs a quota increase. */
const AWS_DEFAULT_CONCURRENCY_QUOTA = 1000;
const INSTANCE_CEILING: Record<CloudProvider, number> = {
  [CloudProvider.AWS]: 100000,
  [CloudProvider.AZURE]: 1000,
  [CloudProvider.GCP]: 1000,
  [CloudProvider.LOCAL]: 100000,
};

function wholeInRange(problems: ProblemCollector, prop: string, value: number | undefined, min: number, max: number, where: string): boolean {
  return checkWholeNumber(problems, prop, value, { min, max }, where);
}

/** The Azure always-ready groups of a function: `http` for its HTTP triggers, one per queue function. */
function azureGroupsOf(fn: FunctionSpec): string[] {
  const groups = fn.triggers.some((t) => t.kind === TriggerKind.HTTP) ? ['http'] : [];
  return groups.concat(fn.triggers.filter((t) => t.kind === TriggerKind.QUEUE).map((t) => `function:${t.id}`));
}

/**
 * Validates a warm pool against its function and cloud, plans its floor
 * and prices it. Throws one CirrusValidationError listing every problem.
 */
export function buildWarmPoolSpec(constructPath: string, fn: FunctionSpec, props: WarmPoolInput): WarmPoolSpec {
  const cloud = fn.cloud;
  const label = CLOUD_LABEL[cloud];
  const problems = new ProblemCollector();
  const warnings: string[] = [];
  const input = checkTypes(problems, props, {
    load: struct('WarmPoolLoad', '{ peakRequestsPerSecond: 100, averageDurationMs: 50 }'),
    scheduledCapacity: arrayOf('ScheduledCapacity, e.g. [{ schedule: Schedule.cron({ hour: "8" }), minInstances: 10 }]'),
  });
  // A maxConcurrency token is only known at deploy time: the cloud's own ceiling applies at synth.
  const fnConcurrency = fn.maxConcurrency !== undefined && !isUnresolved(fn.maxConcurrency) ? fn.maxConcurrency : undefined;
  const ceiling = Math.min(INSTANCE_CEILING[cloud], fnConcurrency ?? INSTANCE_CEILING[cloud]);
  const ceilingWhy = fnConcurrency !== undefined ? ` (the function's maxConcurrency on ${label})` : ` on ${label}`;

  const targetUtilization = given(input.targetUtilization, 0.7);
  if (!isNumberToken(targetUtilization) && !(typeof targetUtilization === 'number' && targetUtilization >= 0.1 && targetUtilization <= 0.9)) {
    problems.invalid('targetUtilization', 'must be between 0.1 and 0.9', targetUtilization);
  }

  const instanceConcurrency = given(input.instanceConcurrency, 1);
  if (cloud === CloudProvider.AWS && instanceConcurrency !== 1) {
    problems.invalid('instanceConcurrency', 'must be 1 on AWS, where each Lambda execution environment serves one request at a time', instanceConcurrency);
  } else if (wholeInRange(problems, 'instanceConcurrency', instanceConcurrency, 1, 1000, ` on ${label}`)
    && cloud === CloudProvider.GCP && !isUnresolved(instanceConcurrency) && instanceConcurrency > 1 && !isUnresolved(fn.memoryMb)
    && Number(GCP_MEMORY_CPU[fn.memoryMb] ?? 0) < 1) {
    problems.invalid('instanceConcurrency', `above 1 needs at least 1 vCPU on GCP: give the function memoryMb 2048 or more (it has ${fn.memoryMb})`, instanceConcurrency);
  }

  let plannedFromLoad: number | undefined;
  if (input.load) {
    const { peakRequestsPerSecond: rps, averageDurationMs: ms } = input.load;
    const ok = [['load.peakRequestsPerSecond', rps], ['load.averageDurationMs', ms]].map(([prop, v]) => {
      if (isNumberToken(v) || (typeof v === 'number' && Number.isFinite(v) && v > 0)) {
        return true;
      }
      problems.invalid(prop as string, 'must be a number above 0', v);
      return false;
    }).every(Boolean);
    if (ok && !isUnresolved(rps) && !isUnresolved(ms) && targetUtilization >= 0.1 && targetUtilization <= 0.9 && instanceConcurrency >= 1) {
      plannedFromLoad = planInstances(rps, ms, targetUtilization, instanceConcurrency);
    }
  }
  if (input.minInstances === undefined && input.load === undefined) {
    problems.add('needs minInstances or load (to plan minInstances from): neither was given');
  }
  const minInstances = input.minInstances ?? plannedFromLoad ?? 1;
  wholeInRange(problems, 'minInstances', input.minInstances, 1, ceiling, ceilingWhy);
  if (input.minInstances === undefined && plannedFromLoad !== undefined && plannedFromLoad > ceiling) {
    problems.add(`load plans ${plannedFromLoad} warm instances, above the ${ceiling} allowed${ceilingWhy}: lower the load, raise the limit or set minInstances`);
  }

  // azurerm 4.55 accepts a maximum instance count of 40-1000 only.
  const floorOfMax = cloud === CloudProvider.AZURE ? 40 : 1;
  const maxInstances = input.maxInstances ?? Math.min(ceiling, Math.max(floorOfMax, minInstances, fn.maxConcurrency ?? minInstances * 2));
  wholeInRange(problems, 'maxInstances', input.maxInstances, floorOfMax, ceiling, ceilingWhy);
  if (!isUnresolved(maxInstances) && !isUnresolved(minInstances) && maxInstances < minInstances) {
    problems.add(`maxInstances (${maxInstances}) must be at least minInstances (${minInstances})`);
  }

  let azureGroups: string[] = [];
  if (cloud === CloudProvider.AZURE) {
    azureGroups = azureGroupsOf(fn);
    if (azureGroups.length === 0) {
      problems.add('has nothing to keep warm on Azure: always-ready instances serve HTTP and queue triggers, and the function has neither');
    } else if (azureGroups.length * minInstances > maxInstances) {
      problems.add(`keeps ${minInstances} always-ready instances for each of ${azureGroups.join(', ')} (${azureGroups.length * minInstances} in all) on Azure, above maxInstances ${maxInstances}`);
    }
  }
  if (cloud === CloudProvider.AWS && minInstances > AWS_DEFAULT_CONCURRENCY_QUOTA && fn.maxConcurrency === undefined) {
    warnings.push(`minInstances ${minInstances} exceeds AWS's default regional concurrency quota of ${AWS_DEFAULT_CONCURRENCY_QUOTA}: request a quota increase before deploying`);
  }

  const scheduledCapacity: ScheduledCapacitySpec[] = [];
  (input.scheduledCapacity ?? []).forEach((entry, i) => {
    const prop = `scheduledCapacity[${i}]`;
    if (!isStruct(entry)) {
      problems.invalid(prop, 'must be an object (ScheduledCapacity), e.g. { schedule: Schedule.cron({ hour: "8" }), minInstances: 10 }', entry);
      return;
    }
    if (cloud !== CloudProvider.AWS) {
      problems.add(`${prop}: ${label} has no scheduled change of ${cloud === CloudProvider.AZURE ? 'always-ready instances' : 'minimum instances'}; `
        + 'scheduled capacity is supported on AWS (Application Auto Scaling scheduled actions) only: remove it for this cloud or set minInstances for the busiest time');
      return;
    }
    const expression = entry.schedule instanceof Schedule
      ? scheduleExpressionFor(cloud, entry.schedule, `${prop}.schedule`, (p) => problems.add(p), (w) => warnings.push(w))
      : (problems.invalid(`${prop}.schedule`, 'must be a Schedule made with Schedule.cron, Schedule.everyMinutes or Schedule.everyHours', entry.schedule), undefined);
    wholeInRange(problems, `${prop}.minInstances`, entry.minInstances, 0, ceiling, ceilingWhy);
    const entryMax = entry.maxInstances ?? maxInstances;
    wholeInRange(problems, `${prop}.maxInstances`, entry.maxInstances, 1, ceiling, ceilingWhy);
    if (entryMax < entry.minInstances) {
      problems.add(`${prop}.maxInstances (${entryMax}) must be at least its minInstances (${entry.minInstances})`);
    }
    if (expression) {
      scheduledCapacity.push({ expression, timeZone: entry.schedule.timeZone, minInstances: entry.minInstances, maxInstances: entryMax });
    }
  });

  problems.throwIfAny(constructPath);
  const warmInstances = cloud === CloudProvider.AZURE ? minInstances * azureGroups.length : minInstances;
  return {
    cloud, minInstances, plannedFromLoad, maxInstances, targetUtilization, instanceConcurrency, scheduledCapacity, azureGroups, warnings,
    estimatedMonthlyCostUsd: isUnresolved(minInstances) || isUnresolved(fn.memoryMb) ? 0 : warmCapacityMonthlyCost(cloud, warmInstances, fn.memoryMb),
  };
}
