import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Construct, IConstruct } from 'constructs';
import { architectureGraph } from '../../constructs/architecture-diagram';
import * as cirrus from '../../index';
import { mermaidIdPart } from '../../lib/core/diagram/graph';
import { buildAllConstructsApps } from '../security/all-constructs-app';

/** Every construct class Cirrus exports, but the stacks (which are the diagram, not in it). */
const STACKS = new Set<unknown>([cirrus.AzureStack, cirrus.GcpStack, cirrus.LocalStack]);
const CONSTRUCT_CLASSES = Object.entries(cirrus).flatMap(([name, value]) => (
  typeof value === 'function' && value.prototype instanceof Construct && !STACKS.has(value) ? [{ name, type: value }] : []
));

function tmp(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

const apps = buildAllConstructsApps(tmp('cirrus-arch-cov-cdk-'), tmp('cirrus-arch-cov-tf-'));
const stacks: IConstruct[] = [...apps.awsStacks, ...apps.terraformStacks];

describe('every construct describes itself to the architecture diagram', () => {
  test('the all-constructs app uses every exported construct class', () => {
    const all = stacks.flatMap((s) => s.node.findAll());
    const unused = CONSTRUCT_CLASSES.filter(({ type }) => !all.some((c) => c instanceof type)).map(({ name }) => name);
    expect(CONSTRUCT_CLASSES.length).toBeGreaterThanOrEqual(10);
    expect(unused).toEqual([]);
  });

  test.each(stacks.map((s) => [s.node.id, s] as const))('each Cirrus construct of %s has its node', (_, stack) => {
    const graph = architectureGraph(stack);
    // Node ids are `<kind prefix>_<key>`, the key being the construct path relative to the stack.
    const keys = new Set(graph.nodes.map((n) => n.id.replace(/^[a-z]+_/, '')));
    const missing = stack.node.findAll()
      .filter((c) => CONSTRUCT_CLASSES.some(({ type }) => c instanceof type))
      // A budget guard's enforcer is drawn as the guard's edges to the functions it stops.
      .filter((c) => !c.node.scopes.some((s) => s instanceof cirrus.CostBudgetGuard && s !== c))
      .map((c) => c.node.path.slice(stack.node.path.length + 1))
      .filter((key) => !keys.has(mermaidIdPart(key)));
    expect(missing).toEqual([]);
  });
});
