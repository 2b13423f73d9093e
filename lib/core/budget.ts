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
