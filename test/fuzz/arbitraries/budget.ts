/** Generators of CostBudgetGuard cases: limits, thresholds, recipients, enforcement, billing accounts, estimates. */
import * as fc from 'fast-check';
import { BudgetEnforcement, BudgetThreshold, CostBudgetGuard, EstimateCheck, EventDrivenFunction, ProvisionedWarmPool } from '../../../index';
import type { CaseContext } from '../harness';
import { Cloud, email, num, Num, opt, rare, str, Str } from './common';
import { buildFunction, FunctionRecipe } from './function';
import { WrongRecipe, wrongRecipe } from './wrong';

export interface BudgetRecipe {
  monthlyLimitUsd: Num;
  thresholds?: Array<{ basis: 'actual' | 'forecasted'; percent: Num }>;
  notifyEmails?: string[];
  /** undefined: default; 'alertOnly'; or functions of the stack to stop. */
  enforcement?: 'alertOnly' | { functions: number; atPercent?: Num; duplicate?: boolean; foreign?: boolean };
  billingAccountId?: Str;
  onEstimateOverLimit?: string;
  /** Functions with an expected load (and maybe a warm pool), priced by the estimate. */
  loads?: Array<{ monthlyInvocations: number; averageDurationMs: number; warm?: number }>;
  /** One prop of the guard replaced with a value of the wrong type or kind. */
  wrong?: WrongRecipe;
}

const MEMORY: Record<Cloud, number> = { aws: 512, azure: 2048, gcp: 512 };

export function budgetRecipe(cloud: Cloud): fc.Arbitrary<BudgetRecipe> {
  return fc.record({
    monthlyLimitUsd: num(fc.constantFrom(0.01, 1, 10, 500, 1e6, 1e9, 1e9 + 1)),
    thresholds: opt(fc.array(fc.record({
      basis: fc.constantFrom('actual' as const, 'forecasted' as const),
      percent: num(fc.constantFrom(1, 50, 80, 100, 120, 1000, 1001)),
    }), { maxLength: cloud === 'gcp' ? 6 : 4 }), 2),
    notifyEmails: opt(fc.array(email, { maxLength: cloud === 'gcp' ? 4 : 6 }), 2),
    enforcement: opt(fc.oneof(
      { arbitrary: fc.constant('alertOnly' as const), weight: 1 },
      {
        arbitrary: fc.record({
          functions: fc.integer({ min: 0, max: 1 }),
          atPercent: opt(num(fc.constantFrom(50, 100, 150))),
          duplicate: rare(fc.constant(true)),
          foreign: rare(fc.constant(true)),
        }, { requiredKeys: ['functions'] }),
        weight: 2,
      },
    ), 2),
    billingAccountId: cloud === 'gcp'
      ? fc.oneof({ arbitrary: str(fc.constant('01ABCD-23EF45-6789AB')), weight: 10 }, { arbitrary: fc.constantFrom(undefined, '01abcd-23ef45-6789ab', 'x'), weight: 1 })
      : rare(str(fc.constant('01ABCD-23EF45-6789AB')), 15),
    onEstimateOverLimit: opt(fc.oneof(
      { arbitrary: fc.constantFrom(EstimateCheck.WARN, EstimateCheck.IGNORE, EstimateCheck.FAIL), weight: 10 },
      { arbitrary: fc.constant('explode'), weight: 1 },
    ), 2),
    loads: rare(fc.array(fc.record({
      monthlyInvocations: fc.constantFrom(0, 1000, 10_000_000),
      averageDurationMs: fc.constantFrom(10, 200),
      warm: rare(fc.constantFrom(1, 3), 3),
    }, { requiredKeys: ['monthlyInvocations', 'averageDurationMs'] }), { minLength: 1, maxLength: 2 }), 4),
    wrong: wrongRecipe(),
  }, { requiredKeys: ['monthlyLimitUsd'] })
    // EstimateCheck.FAIL fails synthesis by design when the estimate exceeds the limit: only combined with an estimate of 0 (no loads).
    .map((r) => (r.onEstimateOverLimit === EstimateCheck.FAIL && r.loads ? { ...r, onEstimateOverLimit: EstimateCheck.WARN } : r));
}

function fnRecipe(cloud: Cloud, id: string, load?: { monthlyInvocations: number; averageDurationMs: number }): FunctionRecipe {
  return {
    id, runtime: 'NODEJS_22', code: { asset: 'fixture' }, handler: 'index.handler', memoryMb: MEMORY[cloud],
    triggers: [{ kind: 'http' }], alarms: 'none', expectedLoad: load,
  };
}

export function buildBudget(ctx: CaseContext, r: BudgetRecipe): void {
  (r.loads ?? []).forEach((l, i) => {
    const fn = buildFunction(ctx, fnRecipe(ctx.cloud, `Loaded${i}`, l));
    if (l.warm) {
      new ProvisionedWarmPool(ctx.scope, `Warm${i}`, { function: fn, minInstances: l.warm });
    }
  });
  let enforcement: BudgetEnforcement | undefined;
  if (r.enforcement === 'alertOnly') {
    enforcement = BudgetEnforcement.alertOnly();
  } else if (r.enforcement) {
    const fns: EventDrivenFunction[] = [];
    for (let i = 0; i < r.enforcement.functions; i++) {
      fns.push(buildFunction(ctx, fnRecipe(ctx.cloud, `Stop${i}`)));
    }
    if (r.enforcement.duplicate && fns.length > 0) {
      fns.push(fns[0]);
    }
    if (r.enforcement.foreign) {
      fns.push({} as EventDrivenFunction);
    }
    enforcement = BudgetEnforcement.stopFunctions(fns, ctx.n(r.enforcement.atPercent));
  }
  new CostBudgetGuard(ctx.scope, 'Budget', ctx.wrong({
    monthlyLimitUsd: ctx.n(r.monthlyLimitUsd),
    thresholds: r.thresholds?.map((t) => (t.basis === 'actual' ? BudgetThreshold.actual(ctx.n(t.percent)) : BudgetThreshold.forecasted(ctx.n(t.percent)))),
    notifyEmails: r.notifyEmails,
    enforcement,
    billingAccountId: ctx.s(r.billingAccountId),
    onEstimateOverLimit: r.onEstimateOverLimit as EstimateCheck | undefined,
  }));
}
