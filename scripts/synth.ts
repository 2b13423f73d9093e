// `npm run synth`: synthesizes the bundled examples to CloudFormation (cdk.out/)
// and Terraform (cdktf.out/) and prints, per app, a table of its stacks (cloud,
// stack, resources, estimated monthly cost, warnings, output file) and the warnings;
// it exits with 1 on any error (synthesis, CloudFormation validation, error
// annotation). The order-processing app is written at the top of both folders;
// other examples into a sub-folder each.
import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLES } from '../examples/registry';
import { formatTable, StackSummary, summarizeOutputs } from './summary';

const root = path.resolve(__dirname, '..');
const cdkOut = path.join(root, 'cdk.out');
const tfOut = path.join(root, 'cdktf.out');
fs.rmSync(cdkOut, { recursive: true, force: true });
fs.rmSync(tfOut, { recursive: true, force: true });

const examples = EXAMPLES.map((example, i) => ({
  ...example,
  cdk: i === 0 ? cdkOut : path.join(cdkOut, example.name),
  tf: i === 0 ? tfOut : path.join(tfOut, example.name),
}));

/** `npm run synth -- --warnings` prints every warning in full, with its construct. */
const verbose = process.argv.includes('--warnings');

/** Each distinct warning once (its first line), with how many constructs got it. */
function distinctWarnings(lines: StackSummary[]): string[] {
  const counts = new Map<string, number>();
  for (const warning of lines.flatMap((l) => l.warnings)) {
    const message = warning.slice(warning.indexOf(': ') + 2).split('\n')[0].replace(/ \[ack: [^\]]+\]$/, '');
    counts.set(message, (counts.get(message) ?? 0) + 1);
  }
  return [...counts].map(([message, n]) => (n > 1 ? `${message} (x${n})` : message));
}

let failed = false;
for (const example of examples) {
  console.log(`\n${example.name}`);
  try {
    const { awsApp, terraformApp } = example.build(example.cdk, example.tf);
    awsApp.synth();
    terraformApp.synth();
    const lines = summarizeOutputs(example.cdk, example.tf);
    for (const row of formatTable(lines, root)) {
      console.log(`  ${row}`);
    }
    for (const warning of verbose ? lines.flatMap((l) => l.warnings) : distinctWarnings(lines)) {
      console.log(`  warning  ${warning}`);
    }
    const errors = [...new Set(lines.flatMap((l) => l.errors))];
    if (errors.length > 0) {
      console.error(errors.map((e) => `  error  ${e}`).join('\n'));
      failed = true;
    }
  } catch (e) {
    console.error(`  error  ${e instanceof Error ? e.message : e}`);
    failed = true;
  }
}
if (!verbose) {
  console.log('\nnpm run synth -- --warnings prints every warning in full, with the construct it is about.');
}
process.exit(failed ? 1 : 0);
