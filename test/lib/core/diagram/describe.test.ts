import { Construct, IConstruct, RootConstruct } from 'constructs';
import { CloudProvider } from '../../../../lib/core/cloud-provider';
import { describeAll, DIAGRAM_DESCRIPTIONS, DiagramContext, diagramContext, DiagramPhase, InnerFunctions } from '../../../../lib/core/diagram/describe';
import { DiagramNodeKind, GraphBuilder } from '../../../../lib/core/diagram/graph';

function context(graph: GraphBuilder): DiagramContext {
  return diagramContext(graph, CloudProvider.AWS, '');
}

describe('describeAll', () => {
  test('asks every construct for one phase before the next, in the order given', () => {
    const root = new RootConstruct();
    const calls: string[] = [];
    const describe = (c: IConstruct, phases: DiagramPhase[]) => DIAGRAM_DESCRIPTIONS.set(c, {
      parts: Object.fromEntries(phases.map((p) => [p, () => calls.push(`${DiagramPhase[p]} ${c.node.id}`)])),
    });
    const a = new Construct(root, 'A');
    const b = new Construct(root, 'B');
    const plain = new Construct(root, 'Plain');
    describe(a, [DiagramPhase.ALARMS, DiagramPhase.FUNCTIONS]);
    describe(b, [DiagramPhase.MESSAGING, DiagramPhase.FUNCTIONS]);
    describeAll(context(new GraphBuilder('t')), [a, b, plain]);
    expect(calls).toEqual(['MESSAGING B', 'FUNCTIONS A', 'FUNCTIONS B', 'ALARMS A']);
  });

  test('a part sees the nodes of earlier phases and what its scopes do to inner functions', () => {
    const root = new RootConstruct();
    const guard = new Construct(root, 'Guard');
    const enforcer = new Construct(guard, 'Enforcer');
    DIAGRAM_DESCRIPTIONS.set(guard, { innerFunctions: InnerFunctions.HIDDEN, parts: {} });
    const seen: Array<string | boolean | undefined> = [];
    DIAGRAM_DESCRIPTIONS.set(enforcer, {
      parts: {
        [DiagramPhase.MESSAGING]: (d) => { d.graph.node(d.keyOf(enforcer), DiagramNodeKind.FUNCTION, ['x']); },
        [DiagramPhase.CONTROLS]: (d) => seen.push(d.idOf(enforcer), d.isInside(enforcer, InnerFunctions.HIDDEN), d.isInside(enforcer, InnerFunctions.FRONTED)),
      },
    });
    describeAll(context(new GraphBuilder('t')), [guard, enforcer]);
    expect(seen).toEqual(['fn_Guard_Enforcer', true, false]);
  });
});
