import { Construct } from 'constructs';
import type { EventDrivenFunction } from '../../constructs/event-driven-function';
import type { BudgetSpec } from '../core/budget-spec';
import { CloudProvider } from '../core/cloud-provider';
import type { Trigger } from '../core/trigger';
import { requireWithProvider } from './load-renderer';

/** How the enforcer function is set up on a cloud. */
export interface EnforcerSetup {
  readonly environment: { [key: string]: string };
  readonly triggers: Trigger[];
}

/** A cloud's budget renderer. */
export interface BudgetRendererModule {
  /** The enforcer's environment (what to stop) and triggers (how alerts reach it). */
  enforcerSetup(guard: Construct, spec: BudgetSpec, targets: EventDrivenFunction[]): EnforcerSetup;
  /** The budget, its notifications and, with an enforcer, the wiring and permissions to stop the targets. */
  renderBudget(guard: Construct, spec: BudgetSpec, targets: EventDrivenFunction[], enforcer?: EventDrivenFunction): void;
}

/** Loads one cloud's budget renderer on first use. */
export function loadBudgetRenderer(cloud: CloudProvider, constructPath: string): BudgetRendererModule {
  switch (cloud) {
    case CloudProvider.AWS:
      return require('../aws/budget') as BudgetRendererModule;
    case CloudProvider.LOCAL:
      return require('../local/not-emulated') as BudgetRendererModule;
    case CloudProvider.AZURE:
      return requireWithProvider(cloud, constructPath, () => require('../azure/budget') as BudgetRendererModule);
    default:
      return requireWithProvider(cloud, constructPath, () => require('../gcp/budget') as BudgetRendererModule);
  }
}
