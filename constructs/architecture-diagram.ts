import { IConstruct } from 'constructs';
import { CLOUD_LABEL } from '../lib/core/cloud-provider';
import { describeAll, DIAGRAM_DESCRIPTIONS, diagramContext } from '../lib/core/diagram/describe';
import { ArchitectureGraph, GraphBuilder } from '../lib/core/diagram/graph';
import { renderArchitectureMarkdown, renderMermaid } from '../lib/core/diagram/mermaid';
import { CirrusValidationError } from '../lib/core/errors';
import { resolveTarget, ResolvedTarget } from '../lib/targets/resolve-target';

/**
 * The architecture of a stack as a Mermaid flowchart, generated from its
 * construct tree: event sources (HTTP routes, queues, topics, buses,
 * buckets, schedules) → functions → the queues, topics, buses and buckets
 * they were granted to write to; dashed edges for dead-letter paths, warm
 * pools, the budget guard's enforcement and alarm notifications; edge
 * functions in front of their origin. Labels name each cloud's native
 * service; the structure is the same on every cloud.
 *
 * Cirrus also writes the diagram at synthesis, beside the stack's output:
 * `cdk.out/<stack artifact id>.architecture.md` (AWS) and
 * `cdktf.out/stacks/<stack>/architecture.md` (Azure, GCP).
 */
export class ArchitectureDiagram {
  /**
   * The Mermaid flowchart of the stack that holds `scope` (`flowchart LR`,
   * without a Markdown fence). Same construct tree, same text.
   *
   * @param scope an aws-cdk-lib Stack, an AzureStack or a GcpStack, or any construct inside one
   */
  public static mermaid(scope: IConstruct): string {
    return renderMermaid(architectureGraph(scope));
  }

  /**
   * The Markdown document Cirrus writes beside the stack's output: a
   * heading, a short legend and the flowchart in a fenced `mermaid` block.
   *
   * @param scope an aws-cdk-lib Stack, an AzureStack or a GcpStack, or any construct inside one
   */
  public static markdown(scope: IConstruct): string {
    return renderArchitectureMarkdown(architectureGraph(scope));
  }

  private constructor() {}
}

/** The stack of `scope`, with a message about diagrams when there is none. */
function stackOf(scope: IConstruct): ResolvedTarget {
  try {
    return resolveTarget(scope, scope.node.path);
  } catch {
    throw new CirrusValidationError(scope.node.path || '<app>', [
      'ArchitectureDiagram draws one stack: pass an aws-cdk-lib Stack, an AzureStack or a GcpStack (or a construct inside one), not an app',
    ]);
  }
}

/**
 * Walks the construct tree of the stack of `scope` and returns its
 * architecture graph: each Cirrus construct of the stack adds its own nodes
 * and edges (its DiagramDescription, recorded by its constructor). Node ids
 * come from construct paths relative to the stack, so the same tree gives
 * the same graph.
 */
export function architectureGraph(scope: IConstruct): ArchitectureGraph {
  const { stack, provider: cloud } = stackOf(scope);
  const graph = new GraphBuilder(`${stack.node.id} (${CLOUD_LABEL[cloud]})`);
  const inStack = stack.node.findAll().filter((c) => c !== stack && DIAGRAM_DESCRIPTIONS.tryOf(c) !== undefined && resolveTarget(c, c.node.path).stack === stack);
  describeAll(diagramContext(graph, cloud, stack.node.path), inStack);
  return graph.build();
}
