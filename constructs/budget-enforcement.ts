import type { IEventDrivenFunction } from '../lib/core/function-contract';
import { markKind } from '../lib/core/validation';

/**
 * What a CostBudgetGuard does besides notifying.
 */
export class BudgetEnforcement {
  /**
   * Notify only (the default): budgets never stop anything by themselves.
   */
  public static alertOnly(): BudgetEnforcement {
    return new BudgetEnforcement([], undefined);
  }

  /**
   * Stop the listed functions when actual spend crosses `atPercent` of the
   * limit, through a small Cirrus-shipped enforcer function: AWS sets their
   * reserved concurrency to 0 (after removing provisioned concurrency);
   * Azure stops their function apps; GCP removes every invoker binding from
   * their Cloud Run services. Deploying again restores them.
   *
   * @param functions the EventDrivenFunctions to stop, in the guard's stack
   * @param atPercent actual-spend percentage of the limit that triggers the stop (default 100)
   */
  public static stopFunctions(functions: IEventDrivenFunction[], atPercent?: number): BudgetEnforcement {
    // Anything but a list is kept as given, for the guard to report with its construct path.
    return new BudgetEnforcement(Array.isArray(functions) ? [...functions] : functions, atPercent === undefined ? 100 : atPercent);
  }

  /** The functions stopped (empty for alert only). */
  public readonly functions: IEventDrivenFunction[];

  /** The actual-spend percentage that triggers the stop; undefined for alert only. */
  public readonly atPercent?: number;

  private constructor(functions: IEventDrivenFunction[], atPercent: number | undefined) {
    this.functions = functions;
    this.atPercent = atPercent;
  }
}

markKind(BudgetEnforcement, 'BudgetEnforcement');
