import { markKind } from './validation';

/**
 * What a budget threshold compares: spend so far, or the month's forecast.
 */
export enum ThresholdBasis {
  /** Actual spend this month. */
  ACTUAL = 'actual',
  /** Forecasted spend for the whole month. */
  FORECASTED = 'forecasted',
}

/**
 * A point, as a percentage of the monthly limit, at which a budget notifies.
 */
export class BudgetThreshold {
  /**
   * Notify when actual spend this month reaches `percent` of the limit.
   *
   * @param percent 1-1000
   */
  public static actual(percent: number): BudgetThreshold {
    return new BudgetThreshold(ThresholdBasis.ACTUAL, percent);
  }

  /**
   * Notify when the month's forecasted spend reaches `percent` of the limit.
   * GCP and Azure evaluate forecasts daily; AWS several times a day.
   *
   * @param percent 1-1000
   */
  public static forecasted(percent: number): BudgetThreshold {
    return new BudgetThreshold(ThresholdBasis.FORECASTED, percent);
  }

  /** Actual or forecasted spend. */
  public readonly basis: ThresholdBasis;

  /** Percentage of the monthly limit. */
  public readonly percent: number;

  private constructor(basis: ThresholdBasis, percent: number) {
    this.basis = basis;
    this.percent = percent;
  }
}

/**
 * What synthesis does when the cost estimate exceeds the budget's limit.
 */
export enum EstimateCheck {
  /** Add a warning annotation (the default). */
  WARN = 'warn',
  /** Fail synthesis, listing the biggest items. */
  FAIL = 'fail',
  /** Do nothing. */
  IGNORE = 'ignore',
}

/**
 * Which spend an AWS budget tracks.
 *
 * AWS Budgets can narrow a budget to a stack only through a cost-allocation
 * tag, and a tag counts nothing until the payer account activates it in the
 * Billing console (once its key has appeared in billing data, up to 24 hours
 * after first use; activation is not retroactive). Source: AWS Billing user
 * guide, "Activating user-defined cost allocation tags" and the Cost
 * Explorer API UpdateCostAllocationTagsStatus (management or standalone
 * account only). No CloudFormation resource activates a tag.
 */
export enum AwsCostScope {
  /**
   * All spend of the account the stack deploys to, tracked from the first
   * day with no manual step: the counterpart of a GCP budget on its project.
   * Deploy each system to an account of its own for a per-system budget.
   */
  ACCOUNT = 'account',
  /**
   * Only the resources of this stack: the guard tags every resource with
   * `cirrus-budget = <stack name>` and the budget filters on that tag. The
   * payer account must activate the `cirrus-budget` tag once; until then the
   * budget tracks nothing, and synthesis warns with the command to run.
   */
  STACK_TAG = 'stack-tag',
}

markKind(BudgetThreshold, 'BudgetThreshold');
