import type { IConstruct } from 'constructs';
import { CloudProvider } from '../cloud-provider';
import { HandleSlot } from '../handle-slot';
import { GraphBuilder } from './graph';
import { NATIVE_LABELS, NativeLabels } from './labels';

/**
 * The order in which the diagram builder asks for parts: every construct of
 * the stack (in tree order) for one phase before the next, so a part can
 * point at the nodes of earlier phases.
 */
export enum DiagramPhase {
  /** Shared queues, topics, buses and buckets. */
  MESSAGING,
  /** Functions and their triggers. */
  FUNCTIONS,
  /** What functions were granted on the shared messaging. */
  GRANTS,
  /** Warm pools, budget guards and edges. */
  CONTROLS,
  /** Shared alarm channels. */
  ALARM_CHANNELS,
  /** Who the functions' alarms notify. */
  ALARMS,
}

/** What a construct does to the Cirrus functions created inside it. */
export enum InnerFunctions {
  /** Drawn as the construct's own edges, not as functions (a budget guard's enforcer). */
  HIDDEN = 'hidden',
  /** Reached through the construct: their HTTP triggers are no sources of their own (an edge's regional code). */
  FRONTED = 'fronted',
}

/** What a part sees while it adds its nodes and edges. */
export interface DiagramContext {
  readonly graph: GraphBuilder;
  readonly cloud: CloudProvider;
  readonly labels: NativeLabels;
  /** The key of a construct's node: its path relative to the stack. */
  keyOf(c: IConstruct): string;
  /** The id of a construct's node, if one was added. */
  idOf(c: IConstruct): string | undefined;
  /** Whether a scope above `c` was described with `inner`. */
  isInside(c: IConstruct, inner: InnerFunctions): boolean;
}

/** How one construct is drawn: what it adds in each phase, and what it does to the functions inside it. */
export interface DiagramDescription {
  readonly parts: { readonly [P in DiagramPhase]?: (d: DiagramContext) => void };
  readonly innerFunctions?: InnerFunctions;
}

/** The description of each Cirrus construct, recorded by its constructor; a construct without one is not drawn. */
export const DIAGRAM_DESCRIPTIONS = new HandleSlot<DiagramDescription>('architecture diagram description');

/** The context of a stack at `stackPath` on `cloud`: node keys are construct paths relative to the stack. */
export function diagramContext(graph: GraphBuilder, cloud: CloudProvider, stackPath: string): DiagramContext {
  const prefix = stackPath === '' ? '' : `${stackPath}/`;
  const keyOf = (c: IConstruct) => (c.node.path.startsWith(prefix) ? c.node.path.slice(prefix.length) : c.node.path);
  return {
    graph,
    cloud,
    labels: NATIVE_LABELS[cloud],
    keyOf,
    idOf: (c) => graph.idOf(keyOf(c)),
    isInside: (c, inner) => c.node.scopes.some((s) => s !== c && DIAGRAM_DESCRIPTIONS.tryOf(s)?.innerFunctions === inner),
  };
}

/** The phases, in order. */
export const DIAGRAM_PHASES: DiagramPhase[] = [
  DiagramPhase.MESSAGING, DiagramPhase.FUNCTIONS, DiagramPhase.GRANTS, DiagramPhase.CONTROLS, DiagramPhase.ALARM_CHANNELS, DiagramPhase.ALARMS,
];

/**
 * Adds the parts of `constructs` (the Cirrus constructs of one stack, in tree
 * order) to the graph, phase by phase.
 */
export function describeAll(d: DiagramContext, constructs: IConstruct[]): void {
  const described = constructs.flatMap((c) => {
    const description = DIAGRAM_DESCRIPTIONS.tryOf(c);
    return description ? [description] : [];
  });
  for (const phase of DIAGRAM_PHASES) {
    for (const description of described) {
      description.parts[phase]?.(d);
    }
  }
}
