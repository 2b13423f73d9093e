// `npm run synth`: synthesizes the bundled examples to CloudFormation (cdk.out/)
// and Terraform (cdktf.out/) and prints one line per stack. The order-processing
// app is written at the top of both folders; other examples into a sub-folder each.
import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLES } from '../examples/registry';
import { summarizeOutputs } from './summary';

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

let failed = false;
for (const example of examples) {
  console.log(`${example.name}`);
  try {
    const { awsApp, terraformApp } = example.build(example.cdk, example.tf);
    awsApp.synth();
    terraformApp.synth();
    const lines = summarizeOutputs(example.cdk, example.tf);
    for (const line of lines) {
      const cost = line.estimatedMonthlyCostUsd === undefined ? '' : `  ~$${line.estimatedMonthlyCostUsd.toFixed(2)}/month`;
      console.log(`  ${line.cloud.padEnd(6)} ${line.stack.padEnd(14)} ${String(line.resources).padStart(3)} resources  ${path.relative(root, line.outputPath)}${cost}`);
    }
    const errors = lines.flatMap((l) => l.errors);
    if (errors.length > 0) {
      console.error(errors.join('\n'));
      failed = true;
    }
  } catch (e) {
    console.error(`${example.name}: ${e instanceof Error ? e.message : e}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
