import { CLOUD_LABEL, CloudProvider } from './cloud-provider';
import { AwsCostScope, BudgetThreshold, EstimateCheck, ThresholdBasis } from './budget';
import { ProblemCollector } from './errors';
import { isUnresolved } from './tokens';
import { A_STRING, arrayOf, checkTypes, given, isNumberToken } from './validation';

/** The guard props as lib/core reads them. */
export interface BudgetInput {
  readonly monthlyLimitUsd: number;
  readonly thresholds?: BudgetThreshold[];
  readonly notifyEmails?: string[];
  readonly billingAccountId?: string;
  readonly onEstimateOverLimit?: EstimateCheck;
  readonly awsCostScope?: AwsCostScope;
}

/** One notification threshold. */
export interface ThresholdSpec {
  readonly basis: ThresholdBasis;
  readonly percent: number;
}

/** A budget validated for one cloud. */
export interface BudgetSpec {
  readonly cloud: CloudProvider;
  readonly constructPath: string;
  readonly monthlyLimitUsd: number;
  readonly thresholds: ThresholdSpec[];
  readonly notifyEmails: string[];
  readonly billingAccountId?: string;
  readonly estimateCheck: EstimateCheck;
  /** Actual-spend percentage at which listed functions are stopped; undefined = alert only. */
  readonly enforcementPercent?: number;
  /** AWS: which spend the budget tracks (undefined elsewhere). */
  readonly awsCostScope?: AwsCostScope;
}

/** Notifications a budget may have, per cloud (AWS Budgets: 5; Azure consumption budgets: 5). */
const MAX_NOTIFICATIONS: Record<CloudProvider, number> = { [CloudProvider.AWS]: 5, [CloudProvider.AZURE]: 5, [CloudProvider.GCP]: 50, [CloudProvider.LOCAL]: 50 };
/** Email recipients per notification (AWS: 10 besides the SNS topic; Azure: 50; GCP: 5 monitoring channels). */
const MAX_EMAILS: Record<CloudProvider, number> = { [CloudProvider.AWS]: 10, [CloudProvider.AZURE]: 50, [CloudProvider.GCP]: 5, [CloudProvider.LOCAL]: 50 };
const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;
const BILLING_ACCOUNT = /^[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}$/;
/** The largest monthly limit Cirrus accepts, in USD: a bound on typos (an extra 000), not a cloud quota. */
const MAX_MONTHLY_LIMIT_USD = 1e9;

export const DEFAULT_THRESHOLDS: ThresholdSpec[] = [
  { basis: ThresholdBasis.ACTUAL, percent: 80 },
  { basis: ThresholdBasis.ACTUAL, percent: 100 },
  { basis: ThresholdBasis.FORECASTED, percent: 100 },
];

function checkPercent(problems: ProblemCollector, cloud: CloudProvider, prop: string, percent: number): boolean {
  if (isNumberToken(percent) && cloud === CloudProvider.GCP) {
    problems.add(`${prop} cannot be an unresolved token on GCP: billing budgets take thresholds as fractions, which Cirrus computes at synth time`);
    return false;
  }
  if (isNumberToken(percent)) {
    return true;
  }
  if (typeof percent !== 'number' || !Number.isFinite(percent) || percent <= 0 || percent > 1000) {
    problems.invalid(prop, 'must be a percentage above 0 and at most 1000', percent);
    return false;
  }
  if (percent < 0.1) {
    problems.invalid(prop, 'must be at least 0.1 (the smallest threshold AWS Budgets accepts; Cirrus keeps one rule for every cloud)', percent);
    return false;
  }
  return true;
}

/**
 * Validates a budget for one cloud. `enforcementPercent` is the stop
 * threshold when functions are to be stopped. Throws one
 * CirrusValidationError listing every problem.
 */
export function buildBudgetSpec(cloud: CloudProvider, constructPath: string, props: BudgetInput, enforcementPercent?: number): BudgetSpec {
  const problems = new ProblemCollector();
  const label = CLOUD_LABEL[cloud];
  const input = checkTypes(problems, props, {
    thresholds: arrayOf('BudgetThreshold, e.g. [BudgetThreshold.actual(80)]'),
    notifyEmails: arrayOf('email addresses, e.g. ["ops@example.com"]'),
    billingAccountId: A_STRING,
  });
  const limit = input.monthlyLimitUsd;
  if (!isNumberToken(limit) && !(typeof limit === 'number' && Number.isFinite(limit) && limit > 0 && limit <= MAX_MONTHLY_LIMIT_USD)) {
    problems.invalid('monthlyLimitUsd', `must be an amount in USD above 0 and at most ${MAX_MONTHLY_LIMIT_USD}`, limit);
  } else if (!isNumberToken(limit) && limit < 0.01) {
    problems.invalid('monthlyLimitUsd', 'must be at least 0.01 (one cent): budgets are kept in whole cents', limit);
  }

  const thresholds: ThresholdSpec[] = [];
  (input.thresholds ?? []).forEach((t, i) => {
    if (!(t instanceof BudgetThreshold)) {
      problems.invalid(`thresholds[${i}]`, 'must be made with BudgetThreshold.actual or BudgetThreshold.forecasted', t);
    } else if (checkPercent(problems, cloud, `thresholds[${i}].percent`, t.percent)) {
      if (thresholds.some((x) => x.basis === t.basis && x.percent === t.percent)) {
        problems.add(`thresholds[${i}] repeats ${t.basis} ${t.percent}%`);
      }
      thresholds.push({ basis: t.basis, percent: t.percent });
    }
  });
  const effective = input.thresholds ? thresholds : DEFAULT_THRESHOLDS;
  if (input.thresholds && input.thresholds.length === 0) {
    problems.add('thresholds is empty: give at least one, or leave it out for actual 80 and 100 and forecasted 100');
  }
  if (enforcementPercent !== undefined) {
    checkPercent(problems, cloud, 'enforcement.atPercent', enforcementPercent);
  }
  const extra = enforcementPercent !== undefined && !effective.some((t) => t.basis === ThresholdBasis.ACTUAL && t.percent === enforcementPercent) ? 1 : 0;
  if (effective.length + extra > MAX_NOTIFICATIONS[cloud]) {
    problems.add(`has ${effective.length} thresholds${extra ? ' plus the enforcement threshold' : ''}; a budget on ${label} has at most ${MAX_NOTIFICATIONS[cloud]} notifications`);
  }

  const emails = [...(input.notifyEmails ?? [])];
  emails.forEach((e, i) => {
    if (typeof e !== 'string' || !EMAIL.test(e)) {
      problems.invalid(`notifyEmails[${i}]`, 'must be an email address', e);
    }
  });
  if (new Set(emails).size !== emails.length) {
    problems.invalid('notifyEmails', 'must not repeat an address', emails);
  }
  if (emails.length > MAX_EMAILS[cloud]) {
    problems.add(`notifyEmails has ${emails.length} addresses; ${label} budgets notify at most ${MAX_EMAILS[cloud]}`);
  }

  if (cloud === CloudProvider.GCP) {
    if (input.billingAccountId === undefined) {
      problems.add('billingAccountId is required on GCP, where budgets belong to a billing account (e.g. "01ABCD-23EF45-6789AB")');
    } else if (!isUnresolved(input.billingAccountId) && !BILLING_ACCOUNT.test(input.billingAccountId)) {
      problems.invalid('billingAccountId', 'must be a billing account id such as "01ABCD-23EF45-6789AB"', input.billingAccountId);
    }
  } else if (input.billingAccountId !== undefined) {
    problems.invalid('billingAccountId', `is used on GCP only; ${label} budgets are scoped by ${cloud === CloudProvider.AWS ? 'the account (or the stack\'s cost-allocation tag, awsCostScope)' : 'the resource group'}: remove it`, input.billingAccountId);
  }
  if (cloud === CloudProvider.AWS) {
    if (input.awsCostScope !== undefined && !Object.values(AwsCostScope).includes(input.awsCostScope)) {
      problems.invalid('awsCostScope', 'must be AwsCostScope.ACCOUNT or AwsCostScope.STACK_TAG', input.awsCostScope);
    }
  } else if (input.awsCostScope !== undefined) {
    problems.invalid('awsCostScope', `is used on AWS only; ${label} budgets are scoped by ${cloud === CloudProvider.GCP ? 'the project' : 'the resource group'}: remove it`, input.awsCostScope);
  }
  const check = given(input.onEstimateOverLimit, EstimateCheck.WARN);
  if (!Object.values(EstimateCheck).includes(check)) {
    problems.invalid('onEstimateOverLimit', 'must be EstimateCheck.WARN, FAIL or IGNORE', check);
  }

  problems.throwIfAny(constructPath);
  return {
    cloud, constructPath, monthlyLimitUsd: limit, thresholds: effective, notifyEmails: emails,
    billingAccountId: input.billingAccountId, estimateCheck: check, enforcementPercent,
    awsCostScope: cloud === CloudProvider.AWS ? (input.awsCostScope ?? AwsCostScope.ACCOUNT) : undefined,
  };
}

/**
 * Whether a synth-time estimate exceeds the limit. A limit that is an
 * unresolved token is only known at deploy time, so it is never exceeded
 * at synth (comparing against the token's encoding would always say yes).
 */
export function estimateExceedsLimit(estimateUsd: number, monthlyLimitUsd: number): boolean {
  return !isUnresolved(monthlyLimitUsd) && estimateUsd > monthlyLimitUsd;
}
