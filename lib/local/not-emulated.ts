import { Construct } from 'constructs';
import type { EventDrivenFunction } from '../../constructs/event-driven-function';
import type { BudgetSpec } from '../core/budget-spec';
import { CloudProvider } from '../core/cloud-provider';
import type { EdgeSpec } from '../core/edge/edge-spec';
import { addWarning } from '../targets/annotations';
import type { EnforcerSetup } from '../targets/load-budget-renderer';
import type { EdgeRenderInput, RenderedEdge } from '../targets/load-edge-renderer';

/** What the local run does not emulate, each with a warning that LocalRun prints at start. */

export function enforcerSetup(_guard: Construct, _spec: BudgetSpec, _targets: EventDrivenFunction[]): EnforcerSetup {
  return { environment: {}, triggers: [] };
}

export function renderBudget(guard: Construct, _spec: BudgetSpec): void {
  addWarning(guard, CloudProvider.LOCAL, 'local', 'budgets are not emulated: nothing is billed on this machine, and no function is stopped');
}

export function renderEdge(scope: Construct, spec: EdgeSpec, _input: EdgeRenderInput): RenderedEdge {
  addWarning(scope, CloudProvider.LOCAL, 'local', 'the edge is not emulated: call the origin\'s routes on the local run\'s URL directly (rules and edge code do not run)');
  return { resource: new Construct(scope, 'Resource'), url: spec.origin.url ?? '', domainName: 'localhost' };
}
