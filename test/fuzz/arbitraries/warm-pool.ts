/** Generators of ProvisionedWarmPool cases: a function of the cloud, and pool props valid and not. */
import * as fc from 'fast-check';
import { ProvisionedWarmPool } from '../../../index';
import type { CaseContext } from '../harness';
import { Cloud, num, Num, opt, rare } from './common';
import { buildFunction, buildSchedule, FunctionRecipe, schedule, ScheduleRecipe, TriggerRecipe } from './function';
import { WrongRecipe, wrongRecipe } from './wrong';

export interface WarmPoolRecipe {
  fn: FunctionRecipe;
  minInstances?: Num;
  maxInstances?: Num;
  targetUtilization?: Num;
  load?: { peakRequestsPerSecond: Num; averageDurationMs: Num };
  instanceConcurrency?: Num;
  scheduledCapacity?: Array<{ schedule: ScheduleRecipe; minInstances: Num; maxInstances?: Num }>;
  /** A second pool on the same function (always an error). */
  twice?: boolean;
  /** One prop of the pool replaced with a value of the wrong type or kind. */
  wrong?: WrongRecipe;
}

const MEMORY: Record<Cloud, number[]> = { aws: [128, 512, 2048], azure: [2048, 4096], gcp: [256, 1024, 2048, 4096] };
const CONCURRENCY: Record<Cloud, number[]> = { aws: [10, 100, 2000], azure: [40, 100, 1000], gcp: [5, 100, 1000] };

export function warmPoolRecipe(cloud: Cloud): fc.Arbitrary<WarmPoolRecipe> {
  const fn: fc.Arbitrary<FunctionRecipe> = fc.record({
    id: fc.constantFrom('Fn', 'api', 'Worker'),
    runtime: fc.constant('NODEJS_22' as const),
    code: fc.constant({ asset: 'fixture' as const }),
    handler: fc.constant('index.handler'),
    memoryMb: opt(num(fc.constantFrom(...MEMORY[cloud]), 0, 1)),
    maxConcurrency: opt(num(fc.constantFrom(...CONCURRENCY[cloud]), 0, 1)),
    triggers: fc.oneof<fc.Arbitrary<TriggerRecipe[]>[]>(
      fc.constant([{ kind: 'http' as const }]),
      fc.constant([{ kind: 'queue' as const }]),
      fc.constant([{ kind: 'http' as const }, { kind: 'queue' as const }]),
      fc.constant([{ kind: 'queue' as const }, { kind: 'queue' as const }]),
      fc.constant([{ kind: 'http' as const, path: '/a' }, { kind: 'schedule' as const, schedule: { every: 'hours' as const, n: 1 } }]),
      fc.constant([{ kind: 'schedule' as const, schedule: { every: 'hours' as const, n: 1 } }]),
    ),
    alarms: fc.constant('none' as const),
  });
  const count = num(fc.constantFrom(1, 2, 5, 10, 40, 100, 500, 1000, 1500), 1, 1);
  return fc.record({
    fn,
    minInstances: opt(count, 8),
    maxInstances: opt(num(fc.constantFrom(1, 5, 40, 100, 1000, 2000)), 2),
    targetUtilization: opt(num(fc.constantFrom(0.1, 0.5, 0.7, 0.9)), 2),
    load: opt(fc.record({
      peakRequestsPerSecond: num(fc.constantFrom(0.1, 1, 10, 100, 10000)),
      averageDurationMs: num(fc.constantFrom(1, 50, 250, 1000)),
    }), 2),
    instanceConcurrency: cloud === 'aws' ? rare(num(fc.constantFrom(1, 2))) : opt(num(fc.constantFrom(1, 2, 10, 80, 1000, 1001)), 2),
    scheduledCapacity: cloud === 'aws'
      ? opt(fc.array(fc.record({ schedule, minInstances: count, maxInstances: opt(count) }, { requiredKeys: ['schedule', 'minInstances'] }), { maxLength: 2 }), 2)
      : rare(fc.constant([{ schedule: { every: 'hours' as const, n: 1 }, minInstances: 1 }])),
    twice: rare(fc.constant(true), 20),
    wrong: wrongRecipe(),
  }, { requiredKeys: ['fn'] });
}

export function buildWarmPool(ctx: CaseContext, r: WarmPoolRecipe): void {
  const fn = buildFunction(ctx, r.fn);
  const props = {
    function: fn,
    minInstances: ctx.n(r.minInstances),
    maxInstances: ctx.n(r.maxInstances),
    targetUtilization: ctx.n(r.targetUtilization),
    load: r.load ? { peakRequestsPerSecond: ctx.n(r.load.peakRequestsPerSecond), averageDurationMs: ctx.n(r.load.averageDurationMs) } : undefined,
    instanceConcurrency: ctx.n(r.instanceConcurrency),
    scheduledCapacity: r.scheduledCapacity?.map((s) => ({ schedule: buildSchedule(ctx, s.schedule), minInstances: ctx.n(s.minInstances), maxInstances: ctx.n(s.maxInstances) })),
  };
  new ProvisionedWarmPool(ctx.scope, 'Warm', ctx.wrong(props));
  if (r.twice) {
    new ProvisionedWarmPool(ctx.scope, 'Warm2', props);
  }
}
