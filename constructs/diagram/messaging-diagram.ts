import type { IConstruct } from 'constructs';
import { DiagramContext, DiagramDescription, DiagramPhase } from '../../lib/core/diagram/describe';
import { GrantAccess, MessagingGrant } from '../../lib/core/diagram/grants';
import { DiagramEdgeStyle, DiagramNodeKind } from '../../lib/core/diagram/graph';
import { shown } from '../../lib/core/diagram/text';
import type { EventQueue } from '../event-queue';

const GRANT_VERB: Record<GrantAccess, string> = {
  [GrantAccess.SEND]: 'sends',
  [GrantAccess.PUBLISH]: 'publishes',
  [GrantAccess.WRITE]: 'writes',
  [GrantAccess.READ]: 'reads',
};

/** A shared topic, bus or bucket: its node (labelled `labels[label]`), and an edge per grant in `grants` (read at synthesis). */
export function sharedMessagingDiagram(
  c: IConstruct, kind: DiagramNodeKind, label: 'topic' | 'bus' | 'bucket', grants: readonly MessagingGrant[],
): DiagramDescription {
  return {
    parts: {
      [DiagramPhase.MESSAGING]: (d) => {
        d.graph.node(d.keyOf(c), kind, [c.node.id, d.labels[label]]);
      },
      [DiagramPhase.GRANTS]: (d) => addGrants(d, c, grants),
    },
  };
}

/** A shared queue: its node and dead-letter queue, and an edge per grant in `grants` (read at synthesis). */
export function queueDiagram(queue: EventQueue, grants: readonly MessagingGrant[]): DiagramDescription {
  return {
    parts: {
      [DiagramPhase.MESSAGING]: (d) => {
        const key = d.keyOf(queue);
        const node = d.graph.node(key, DiagramNodeKind.QUEUE, [queue.node.id, d.labels.queue]);
        const dlq = d.graph.node(`${key}/DeadLetterQueue`, DiagramNodeKind.DEAD_LETTER, [`${queue.node.id} dead letters`, d.labels.queueDeadLetter]);
        d.graph.edge(node, dlq, DiagramEdgeStyle.DASHED, `after ${shown(queue.maxDeliveryAttempts)} deliveries`);
      },
      [DiagramPhase.GRANTS]: (d) => addGrants(d, queue, grants),
    },
  };
}

/** What functions of the diagram were granted on `target`: reads point at the function, writes away from it. */
function addGrants(d: DiagramContext, target: IConstruct, grants: readonly MessagingGrant[]): void {
  const targetId = d.idOf(target)!;
  for (const grant of grants) {
    const fnId = d.idOf(grant.fn);
    if (fnId === undefined) {
      continue;
    }
    if (grant.access === GrantAccess.READ) {
      d.graph.edge(targetId, fnId, DiagramEdgeStyle.DASHED, 'read by');
    } else {
      d.graph.edge(fnId, targetId, DiagramEdgeStyle.SOLID, GRANT_VERB[grant.access]);
    }
  }
}
