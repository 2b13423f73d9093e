import { DiagramEdgeStyle, DiagramNodeKind, GraphBuilder, mermaidIdPart } from '../../../../lib/core/diagram/graph';
import { NATIVE_LABELS } from '../../../../lib/core/diagram/labels';
import { escapeMermaidText, mermaidLabel, renderArchitectureMarkdown, renderMermaid } from '../../../../lib/core/diagram/mermaid';
import { CloudProvider } from '../../../../lib/core/cloud-provider';

describe('GraphBuilder ids', () => {
  test('are the key reduced to ASCII letters, digits and underscores behind a kind prefix', () => {
    const g = new GraphBuilder('t');
    expect(g.node('Orders/Process-Order', DiagramNodeKind.FUNCTION, ['x'])).toBe('fn_Orders_Process_Order');
    expect(g.node('Orders/Queue', DiagramNodeKind.QUEUE, ['x'])).toBe('queue_Orders_Queue');
    expect(g.node('end', DiagramNodeKind.HTTP, ['x'])).toBe('http_end');
    expect(g.node('Café/日本', DiagramNodeKind.TOPIC, ['x'])).toBe('topic_Cafe');
    expect(g.node('日本', DiagramNodeKind.BUS, ['x'])).toBe('bus_x');
  });

  test('are valid Mermaid identifiers for any key', () => {
    for (const key of ['', '---', 'a b', 'x"y', '[a]', 'o-->x', '🚀', 'a'.repeat(500), '1st']) {
      expect(mermaidIdPart(key)).toMatch(/^[A-Za-z0-9]+(_[A-Za-z0-9]+)*$/);
      expect(mermaidIdPart(key).length).toBeLessThanOrEqual(80);
    }
  });

  test('keys that reduce to the same id get numbered suffixes in insertion order', () => {
    const g = new GraphBuilder('t');
    expect(g.node('a-b', DiagramNodeKind.FUNCTION, ['1'])).toBe('fn_a_b');
    expect(g.node('a_b', DiagramNodeKind.FUNCTION, ['2'])).toBe('fn_a_b_2');
    expect(g.node('a.b', DiagramNodeKind.FUNCTION, ['3'])).toBe('fn_a_b_3');
    expect(g.build().nodes.map((n) => n.id)).toEqual(['fn_a_b', 'fn_a_b_2', 'fn_a_b_3']);
  });

  test('a key added twice keeps its first node; an edge added twice is drawn once', () => {
    const g = new GraphBuilder('t');
    const a = g.node('a', DiagramNodeKind.FUNCTION, ['first']);
    expect(g.node('a', DiagramNodeKind.FUNCTION, ['second'])).toBe(a);
    const b = g.node('b', DiagramNodeKind.QUEUE, ['q']);
    g.edge(a, b, DiagramEdgeStyle.SOLID, 'sends');
    g.edge(a, b, DiagramEdgeStyle.SOLID, 'sends');
    g.edge(a, b, DiagramEdgeStyle.DASHED, 'sends');
    const graph = g.build();
    expect(graph.nodes).toEqual([{ id: 'fn_a', kind: DiagramNodeKind.FUNCTION, lines: ['first'] }, { id: 'queue_b', kind: DiagramNodeKind.QUEUE, lines: ['q'] }]);
    expect(graph.edges).toEqual([
      { from: 'fn_a', to: 'queue_b', style: DiagramEdgeStyle.SOLID, label: 'sends' },
      { from: 'fn_a', to: 'queue_b', style: DiagramEdgeStyle.DASHED, label: 'sends' },
    ]);
  });
});

describe('Mermaid labels', () => {
  test('write quotes, #, HTML specials, backticks, pipes and backslashes as entity codes', () => {
    expect(escapeMermaidText('say "hi" #1 <b> & `x` a|b c\\d')).toBe('say #34;hi#34; #35;1 #60;b#62; #38; #96;x#96; a#124;b c#92;d');
  });

  test('keep brackets, accents, CJK and emoji, and turn control characters and separators into spaces', () => {
    expect(escapeMermaidText('cron(0 9 ? * MON-FRI *) [x] {y}')).toBe('cron(0 9 ? * MON-FRI *) [x] {y}');
    expect(escapeMermaidText('Café 日本 🚀')).toBe('Café 日本 🚀');
    expect(escapeMermaidText('a\nb\tc\u2028d\u0000e')).toBe('a b c d e');
    expect(escapeMermaidText('lone \ud800 surrogate')).toBe('lone \ufffd surrogate');
  });

  test('join lines with <br/> inside one quoted string; an empty label is a space', () => {
    expect(mermaidLabel(['a', 'b "c"'])).toBe('"a<br/>b #34;c#34;"');
    expect(mermaidLabel([])).toBe('" "');
  });
});

describe('renderMermaid', () => {
  function sample() {
    const g = new GraphBuilder('orders (AWS)');
    const http = g.node('Fn/Http', DiagramNodeKind.HTTP, ['POST /orders', 'API Gateway HTTP API']);
    const fn = g.node('Fn', DiagramNodeKind.FUNCTION, ['Fn', 'Lambda function']);
    const dlq = g.node('Fn/Dlq', DiagramNodeKind.DEAD_LETTER, ['dead letters']);
    g.edge(http, fn);
    g.edge(fn, dlq, DiagramEdgeStyle.DASHED, 'after 5 deliveries');
    return g.build();
  }

  test('draws a left-to-right flowchart: nodes with their shapes, solid and dashed edges, style classes', () => {
    expect(renderMermaid(sample())).toBe([
      'flowchart LR',
      '  http_Fn_Http(["POST /orders<br/>API Gateway HTTP API"])',
      '  fn_Fn("Fn<br/>Lambda function")',
      '  dlq_Fn_Dlq[("dead letters")]',
      '  http_Fn_Http --> fn_Fn',
      '  fn_Fn -.->|"after 5 deliveries"| dlq_Fn_Dlq',
      '  classDef source fill:#e3f2fd,stroke:#1565c0,color:#0d47a1',
      '  class http_Fn_Http source',
      '  classDef compute fill:#fff3e0,stroke:#e65100,color:#bf360c',
      '  class fn_Fn compute',
      '  classDef deadletter fill:#ffebee,stroke:#c62828,color:#b71c1c,stroke-dasharray:4 3',
      '  class dlq_Fn_Dlq deadletter',
      '',
    ].join('\n'));
  });

  test('the same graph gives the same text', () => {
    expect(renderMermaid(sample())).toBe(renderMermaid(sample()));
  });

  test('an empty graph still is a diagram, naming the stack', () => {
    expect(renderMermaid(new GraphBuilder('empty-stack (GCP)').build())).toBe('flowchart LR\n  empty["empty-stack (GCP): no Cirrus constructs"]\n');
  });

  test('the Markdown document has a heading and one mermaid fence', () => {
    const md = renderArchitectureMarkdown(sample());
    expect(md.startsWith('# Architecture: orders (AWS)\n')).toBe(true);
    expect(md.match(/```mermaid\n/g)).toHaveLength(1);
    expect(md).toContain('```mermaid\n' + renderMermaid(sample()) + '```\n');
  });
});

describe('per-cloud labels', () => {
  test('name each cloud\'s native services', () => {
    expect([NATIVE_LABELS[CloudProvider.AWS].queue, NATIVE_LABELS[CloudProvider.AZURE].queue, NATIVE_LABELS[CloudProvider.GCP].topic])
      .toEqual(['SQS queue', 'Service Bus queue', 'Pub/Sub topic']);
    expect(NATIVE_LABELS[CloudProvider.AWS].asyncFailure).toBe('SQS on-failure queue');
    expect(NATIVE_LABELS[CloudProvider.AZURE].asyncFailure).toBeUndefined();
  });
});
