import * as fs from 'fs';
import * as path from 'path';

/** One synthesized stack, as `npm run synth` reports it. */
export interface StackSummary {
  readonly cloud: 'aws' | 'azure' | 'gcp';
  readonly stack: string;
  readonly resources: number;
  readonly outputPath: string;
  /** The CostBudgetGuard's estimate, when the stack has one. */
  readonly estimatedMonthlyCostUsd?: number;
  readonly errors: string[];
}

function estimateIn(file: string): number | undefined {
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')).estimatedMonthlyCostUsd : undefined;
}

/** Reads cdk.out and cdktf.out and summarizes each stack. */
export function summarizeOutputs(cdkOut: string, tfOut: string): StackSummary[] {
  const lines: StackSummary[] = [];
  const report = path.join(cdkOut, 'validation-report.json');
  const validation = fs.existsSync(report) ? JSON.parse(fs.readFileSync(report, 'utf8')) : { pluginReports: [] };
  const validationErrors: string[] = (validation.pluginReports ?? []).flatMap((r: any) =>
    (r.violations ?? []).map((v: any) => `CloudFormation validation: ${v.ruleName}: ${v.description}`));
  for (const file of fs.readdirSync(cdkOut).filter((f) => f.endsWith('.template.json')).sort()) {
    const template = JSON.parse(fs.readFileSync(path.join(cdkOut, file), 'utf8'));
    lines.push({
      cloud: 'aws',
      stack: file.replace('.template.json', ''),
      resources: Object.keys(template.Resources ?? {}).length,
      outputPath: path.join(cdkOut, file),
      estimatedMonthlyCostUsd: estimateIn(path.join(cdkOut, file.replace('.template.json', '.cost-estimate.json'))),
      errors: validationErrors,
    });
  }
  const stacksDir = path.join(tfOut, 'stacks');
  for (const stack of fs.existsSync(stacksDir) ? fs.readdirSync(stacksDir).sort() : []) {
    const file = path.join(stacksDir, stack, 'cdk.tf.json');
    const tf = JSON.parse(fs.readFileSync(file, 'utf8'));
    const resources = Object.values(tf.resource ?? {}).reduce((n: number, byName: any) => n + Object.keys(byName).length, 0);
    const provider = Object.keys(tf.provider ?? {})[0];
    lines.push({
      cloud: provider === 'azurerm' ? 'azure' : 'gcp', stack, resources, outputPath: file,
      estimatedMonthlyCostUsd: estimateIn(path.join(stacksDir, stack, 'cost-estimate.json')), errors: [],
    });
  }
  return lines;
}
