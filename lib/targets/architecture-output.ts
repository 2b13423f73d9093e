import { Construct, IConstruct } from 'constructs';
import { resolveTarget } from './resolve-target';
import { writeBesideStackOutput } from './synthesis';

/** The id of the construct (no resources) that writes a stack's diagram at synthesis. */
export const ARCHITECTURE_WRITER_ID = 'CirrusArchitectureDiagram';

/** Builds the Markdown document of a stack's diagram (constructs/architecture-diagram, loaded at synthesis). */
type MarkdownOf = (stack: IConstruct) => string;

/**
 * Writes `architecture.md` beside the output of the stack of `scope` when the
 * app synthesizes (AWS: `cdk.out/<artifact id>.architecture.md`; Terraform:
 * `cdktf.out/stacks/<stack>/architecture.md`): a Mermaid flowchart built from
 * the stack's construct tree as it is at synthesis. Registered once per
 * stack, by the first Cirrus construct created in it.
 */
export function writeArchitectureAtSynth(scope: IConstruct): void {
  const { provider, stack } = resolveTarget(scope, scope.node.path);
  if (stack.node.tryFindChild(ARCHITECTURE_WRITER_ID) !== undefined) {
    return;
  }
  const writer = new Construct(stack as Construct, ARCHITECTURE_WRITER_ID);
  writeBesideStackOutput(writer, provider, 'architecture.md', () => {
    // Loaded at synthesis: the diagram module imports the constructs that call this function.
    // A diagram is documentation: a failure to draw it is reported in the file, never fails the synthesis.
    try {
      const markdownOf = (require('../../constructs/architecture-diagram').ArchitectureDiagram.markdown) as MarkdownOf;
      return markdownOf(stack);
    } catch (e) {
      return `# Architecture: ${stack.node.id}\n\nCirrus could not draw this stack's diagram: ${(e as Error).message}\n`;
    }
  });
}
