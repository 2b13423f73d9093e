import { DiagramDescription, DiagramPhase } from '../../lib/core/diagram/describe';
import { DiagramEdgeStyle, DiagramNodeKind } from '../../lib/core/diagram/graph';
import { shown } from '../../lib/core/diagram/text';
import type { ProvisionedWarmPool } from '../provisioned-warm-pool';

/** A warm pool: its node and a dashed edge to the function it keeps warm. */
export function warmPoolDiagram(pool: ProvisionedWarmPool): DiagramDescription {
  return {
    parts: {
      [DiagramPhase.CONTROLS]: (d) => {
        const fnId = d.idOf(pool.function);
        const node = d.graph.node(d.keyOf(pool), DiagramNodeKind.WARM_POOL, [
          pool.node.id, `${shown(pool.plannedMinInstances)} to ${shown(pool.maxInstances)} instances`, d.labels.warmPool,
        ]);
        if (fnId !== undefined) {
          d.graph.edge(node, fnId, DiagramEdgeStyle.DASHED, `keeps ${shown(pool.plannedMinInstances)} warm`);
        }
      },
    },
  };
}
