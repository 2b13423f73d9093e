import type { IConstruct } from 'constructs';
import { DiagramContext, DiagramDescription, DiagramPhase, InnerFunctions } from '../../lib/core/diagram/describe';
import { DiagramEdgeStyle, DiagramNodeKind } from '../../lib/core/diagram/graph';
import { plural, shown } from '../../lib/core/diagram/text';
import { EdgeEventType } from '../../lib/core/edge/edge-event-type';
import { EdgeCodePlacement, EdgeSpec } from '../../lib/core/edge/edge-spec';
import type { EdgeFunction } from '../edge-function';

const EVENT_NAME: Record<EdgeEventType, string> = {
  [EdgeEventType.VIEWER_REQUEST]: 'viewer request',
  [EdgeEventType.VIEWER_RESPONSE]: 'viewer response',
  [EdgeEventType.ORIGIN_REQUEST]: 'origin request',
  [EdgeEventType.ORIGIN_RESPONSE]: 'origin response',
};

/**
 * An edge: its node, its origin (a function of the stack or a URL) and the
 * regional functions that run its code, whose HTTP triggers the edge fronts.
 */
export function edgeDiagram(edge: EdgeFunction, spec: () => EdgeSpec): DiagramDescription {
  return {
    innerFunctions: InnerFunctions.FRONTED,
    parts: { [DiagramPhase.CONTROLS]: (d) => addEdge(d, edge, spec(), edge.regionalFunctions) },
  };
}

function addEdge(d: DiagramContext, edge: IConstruct, spec: EdgeSpec, regionalFunctions: readonly IConstruct[]): void {
  const g = d.graph;
  const code = spec.code;
  const codeLine = !code ? [] : code.placement === EdgeCodePlacement.CLOUDFRONT_FUNCTION
    ? [`CloudFront Function on ${EVENT_NAME[code.eventType]}`]
    : code.placement === EdgeCodePlacement.LAMBDA_AT_EDGE
      ? [`Lambda@Edge on ${EVENT_NAME[code.eventType]}`]
      : ['custom code in a regional function'];
  const ruleCount = spec.requestHeaders.length + spec.responseHeaders.length + spec.removeResponseHeaders.length + spec.redirects.length + spec.rewrites.length;
  const edgeId = g.node(d.keyOf(edge), DiagramNodeKind.EDGE, [
    edge.node.id, d.labels.edge, ...codeLine, ...(ruleCount > 0 ? [plural(ruleCount, 'rule')] : []),
  ]);
  const originFn = spec.origin.originFunction;
  const origin = originFn !== undefined && d.idOf(originFn) !== undefined
    ? d.idOf(originFn)!
    : g.node(`${d.keyOf(edge)}/Origin`, DiagramNodeKind.ORIGIN_URL, ['origin', originFn ? originFn.node.path : shown(spec.origin.url)]);
  if (regionalFunctions.length === 0) {
    g.edge(edgeId, origin, DiagramEdgeStyle.SOLID, 'origin');
    return;
  }
  for (const fn of regionalFunctions) {
    const fnId = d.idOf(fn);
    if (fnId !== undefined) {
      g.edge(edgeId, fnId, DiagramEdgeStyle.SOLID, 'every request');
      g.edge(fnId, origin, DiagramEdgeStyle.SOLID, 'forwards to origin');
    }
  }
}
