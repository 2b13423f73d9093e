// The neutral architecture graph of one stack: what the diagram shows,
// independent of the output format and of any cloud SDK.

/** What a node of the architecture graph stands for. */
export enum DiagramNodeKind {
  HTTP = 'http',
  SCHEDULE = 'schedule',
  QUEUE = 'queue',
  TOPIC = 'topic',
  BUS = 'bus',
  BUCKET = 'bucket',
  FUNCTION = 'function',
  DEAD_LETTER = 'dead-letter',
  WARM_POOL = 'warm-pool',
  BUDGET = 'budget',
  EDGE = 'edge',
  ORIGIN_URL = 'origin-url',
  ALARM_CHANNEL = 'alarm-channel',
}

/** How an edge is drawn: a solid flow of events or requests, or a dashed control / failure path. */
export enum DiagramEdgeStyle {
  /** Events, messages or requests flow along it. */
  SOLID = 'solid',
  /** Dead letters, warm capacity, budget enforcement, alarms. */
  DASHED = 'dashed',
}

/** One node: an event source, a function, a destination or a control construct. */
export interface DiagramNode {
  /** A valid Mermaid identifier, unique in the graph. */
  readonly id: string;
  readonly kind: DiagramNodeKind;
  /** Lines of the label, plain text (escaped by the renderer). */
  readonly lines: string[];
}

/** One directed edge between two nodes. */
export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  readonly style: DiagramEdgeStyle;
  /** Plain text (escaped by the renderer). */
  readonly label?: string;
}

/** The architecture of one stack. */
export interface ArchitectureGraph {
  /** The heading: the stack and its cloud. */
  readonly title: string;
  readonly nodes: DiagramNode[];
  readonly edges: DiagramEdge[];
}

/**
 * Builds a graph with deterministic, valid Mermaid ids: the key (usually a
 * construct path relative to the stack) reduced to ASCII letters, digits and
 * underscores, behind a prefix of its kind; keys that reduce to the same id
 * get `_2`, `_3`, ... in the order they are added. The same additions in the
 * same order give the same ids.
 */
export class GraphBuilder {
  private readonly nodes: DiagramNode[] = [];
  private readonly edges: DiagramEdge[] = [];
  private readonly byKey = new Map<string, string>();
  private readonly used = new Set<string>();
  private readonly edgeKeys = new Set<string>();

  constructor(private readonly title: string) {}

  /** The id of the node added under `key`, if any. */
  public idOf(key: string): string | undefined {
    return this.byKey.get(key);
  }

  /** Adds a node under `key` (once: a second call returns the first id) and returns its id. */
  public node(key: string, kind: DiagramNodeKind, lines: string[]): string {
    const existing = this.byKey.get(key);
    if (existing !== undefined) {
      return existing;
    }
    const id = this.allocate(`${PREFIX[kind]}_${mermaidIdPart(key)}`);
    this.byKey.set(key, id);
    this.nodes.push({ id, kind, lines: [...lines] });
    return id;
  }

  /** Adds an edge (once per from, to, style and label). */
  public edge(from: string, to: string, style: DiagramEdgeStyle = DiagramEdgeStyle.SOLID, label?: string): void {
    const key = JSON.stringify([from, to, style, label ?? '']);
    if (this.edgeKeys.has(key)) {
      return;
    }
    this.edgeKeys.add(key);
    this.edges.push(label === undefined ? { from, to, style } : { from, to, style, label });
  }

  /** The graph built so far. */
  public build(): ArchitectureGraph {
    return { title: this.title, nodes: [...this.nodes], edges: [...this.edges] };
  }

  private allocate(base: string): string {
    let id = base;
    for (let n = 2; this.used.has(id); n++) {
      id = `${base}_${n}`;
    }
    this.used.add(id);
    return id;
  }
}

/** Short, readable id prefixes per node kind (never a Mermaid keyword on their own). */
const PREFIX: Record<DiagramNodeKind, string> = {
  [DiagramNodeKind.HTTP]: 'http',
  [DiagramNodeKind.SCHEDULE]: 'schedule',
  [DiagramNodeKind.QUEUE]: 'queue',
  [DiagramNodeKind.TOPIC]: 'topic',
  [DiagramNodeKind.BUS]: 'bus',
  [DiagramNodeKind.BUCKET]: 'bucket',
  [DiagramNodeKind.FUNCTION]: 'fn',
  [DiagramNodeKind.DEAD_LETTER]: 'dlq',
  [DiagramNodeKind.WARM_POOL]: 'warm',
  [DiagramNodeKind.BUDGET]: 'budget',
  [DiagramNodeKind.EDGE]: 'edge',
  [DiagramNodeKind.ORIGIN_URL]: 'origin',
  [DiagramNodeKind.ALARM_CHANNEL]: 'alarms',
};

/** `Orders/Process-Order` -> `Orders_Process_Order`: ASCII letters, digits and single underscores. */
export function mermaidIdPart(key: string): string {
  const part = key.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return part.length > 0 ? part.slice(0, 80) : 'x';
}
