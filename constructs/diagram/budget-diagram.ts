import type { IConstruct } from 'constructs';
import { DiagramDescription, DiagramPhase, InnerFunctions } from '../../lib/core/diagram/describe';
import { DiagramEdgeStyle, DiagramNodeKind } from '../../lib/core/diagram/graph';
import { shown } from '../../lib/core/diagram/text';
import type { CostBudgetGuard } from '../cost-budget-guard';

/** What a guard stops, and at which percentage of actual spend. */
export interface DrawnEnforcement {
  readonly functions: readonly IConstruct[];
  readonly atPercent?: number;
}

/**
 * A budget guard: its node and a dashed edge to each function it stops
 * (`enforcement`, read at synthesis). Its enforcer function is drawn as
 * these edges, not as a function.
 */
export function budgetDiagram(guard: CostBudgetGuard, enforcement: () => DrawnEnforcement): DiagramDescription {
  return {
    innerFunctions: InnerFunctions.HIDDEN,
    parts: {
      [DiagramPhase.CONTROLS]: (d) => {
        const { functions, atPercent } = enforcement();
        const node = d.graph.node(d.keyOf(guard), DiagramNodeKind.BUDGET, [
          guard.node.id, `limit ${shown(guard.monthlyLimitUsd)} USD a month`, d.labels.budget,
          ...(functions.length === 0 ? ['alerts only'] : []),
        ]);
        for (const fn of functions) {
          const fnId = d.idOf(fn);
          if (fnId !== undefined) {
            d.graph.edge(node, fnId, DiagramEdgeStyle.DASHED, `stops at ${shown(atPercent)}%`);
          }
        }
      },
    },
  };
}
