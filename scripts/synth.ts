// `npm run synth`: synthesizes the bundled example to CloudFormation (cdk.out/)
// and Terraform (cdktf.out/) and prints one line per stack.
import * as fs from 'fs';
import * as path from 'path';
import { buildOrderProcessingApps } from '../examples/order-processing/app';
import { summarizeOutputs } from './summary';

const root = path.resolve(__dirname, '..');
const cdkOut = path.join(root, 'cdk.out');
const tfOut = path.join(root, 'cdktf.out');
fs.rmSync(cdkOut, { recursive: true, force: true });
fs.rmSync(tfOut, { recursive: true, force: true });

try {
  const { awsApp, terraformApp } = buildOrderProcessingApps(cdkOut, tfOut);
  awsApp.synth();
  terraformApp.synth();
  const lines = summarizeOutputs(cdkOut, tfOut);
  for (const line of lines) {
    const cost = line.estimatedMonthlyCostUsd === undefined ? '' : `  ~$${line.estimatedMonthlyCostUsd.toFixed(2)}/month`;
    console.log(`${line.cloud.padEnd(6)} ${line.stack.padEnd(14)} ${String(line.resources).padStart(3)} resources  ${path.relative(root, line.outputPath)}${cost}`);
  }
  const errors = lines.flatMap((l) => l.errors);
  if (errors.length > 0) {
    console.error(errors.join('\n'));
    process.exit(1);
  }
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
