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
  /** Warning annotations of the stack's constructs, as `<construct path>: <message>`. */
  readonly warnings: string[];
  /** CloudFormation validation findings and error annotations. */
  readonly errors: string[];
}

function readJson(file: string): any {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function estimateIn(file: string): number | undefined {
  return fs.existsSync(file) ? readJson(file).estimatedMonthlyCostUsd : undefined;
}

/** Warning and error annotations of the stacks of a cloud assembly, by stack name. */
interface Annotations {
  readonly warnings: string[];
  readonly errors: string[];
}

/**
 * The annotations aws-cdk-lib wrote to the cloud assembly: metadata entries
 * of type `aws:cdk:warning` / `aws:cdk:error` in each stack artifact, kept in
 * manifest.json or, since aws-cdk-lib 2.2xx, in the file its
 * `additionalMetadataFile` names (`<stack>.metadata.json`).
 */
function cdkAnnotations(cdkOut: string): Map<string, Annotations> {
  const out = new Map<string, Annotations>();
  const manifest = path.join(cdkOut, 'manifest.json');
  if (!fs.existsSync(manifest)) {
    return out;
  }
  for (const [id, artifact] of Object.entries(readJson(manifest).artifacts ?? {}) as [string, any][]) {
    if (artifact.type !== 'aws:cloudformation:stack') {
      continue;
    }
    const metadata: Record<string, { type: string; data: unknown }[]> = {
      ...(artifact.metadata ?? {}),
      ...(artifact.additionalMetadataFile ? readJson(path.join(cdkOut, artifact.additionalMetadataFile)) : {}),
    };
    const of = (type: string) => Object.entries(metadata).flatMap(([where, entries]) =>
      entries.filter((e) => e.type === type).map((e) => `${where.replace(/^\//, '')}: ${e.data}`));
    out.set(id, { warnings: of('aws:cdk:warning'), errors: of('aws:cdk:error') });
  }
  return out;
}

/**
 * The annotations cdktf wrote: `stacks.<name>.annotations` in cdktf.out's
 * manifest.json, each with a level `@cdktf/warn`, `@cdktf/error` or `@cdktf/info`.
 */
function cdktfAnnotations(tfOut: string): Map<string, Annotations> {
  const out = new Map<string, Annotations>();
  const manifest = path.join(tfOut, 'manifest.json');
  if (!fs.existsSync(manifest)) {
    return out;
  }
  for (const [name, stack] of Object.entries(readJson(manifest).stacks ?? {}) as [string, any][]) {
    const of = (level: string) => (stack.annotations ?? [])
      .filter((a: any) => a.level === level)
      .map((a: any) => `${a.constructPath}: ${a.message}`);
    out.set(name, { warnings: of('@cdktf/warn'), errors: of('@cdktf/error') });
  }
  return out;
}

/** Reads cdk.out and cdktf.out and summarizes each stack. */
export function summarizeOutputs(cdkOut: string, tfOut: string): StackSummary[] {
  const lines: StackSummary[] = [];
  const report = path.join(cdkOut, 'validation-report.json');
  const validation = fs.existsSync(report) ? readJson(report) : { pluginReports: [] };
  const validationErrors: string[] = (validation.pluginReports ?? []).flatMap((r: any) =>
    (r.violations ?? []).map((v: any) => `CloudFormation validation: ${v.ruleName}: ${v.description}`));
  const cdk = cdkAnnotations(cdkOut);
  for (const file of fs.readdirSync(cdkOut).filter((f) => f.endsWith('.template.json')).sort()) {
    const stack = file.replace('.template.json', '');
    const template = readJson(path.join(cdkOut, file));
    const annotations = cdk.get(stack) ?? { warnings: [], errors: [] };
    lines.push({
      cloud: 'aws',
      stack,
      resources: Object.keys(template.Resources ?? {}).length,
      outputPath: path.join(cdkOut, file),
      estimatedMonthlyCostUsd: estimateIn(path.join(cdkOut, `${stack}.cost-estimate.json`)),
      warnings: annotations.warnings,
      errors: [...validationErrors, ...annotations.errors],
    });
  }
  const stacksDir = path.join(tfOut, 'stacks');
  const tf = cdktfAnnotations(tfOut);
  for (const stack of fs.existsSync(stacksDir) ? fs.readdirSync(stacksDir).sort() : []) {
    const file = path.join(stacksDir, stack, 'cdk.tf.json');
    const config = readJson(file);
    const resources = Object.values(config.resource ?? {}).reduce((n: number, byName: any) => n + Object.keys(byName).length, 0);
    const provider = Object.keys(config.provider ?? {})[0];
    const annotations = tf.get(stack) ?? { warnings: [], errors: [] };
    lines.push({
      cloud: provider === 'azurerm' ? 'azure' : 'gcp', stack, resources, outputPath: file,
      estimatedMonthlyCostUsd: estimateIn(path.join(stacksDir, stack, 'cost-estimate.json')),
      warnings: annotations.warnings,
      errors: annotations.errors,
    });
  }
  return lines;
}

/**
 * The summary of one app as an aligned table: a header line, one row per
 * stack (cloud, stack, resources, estimated monthly cost where a budget
 * guard declares it, warnings, output file relative to `root`).
 */
export function formatTable(lines: StackSummary[], root: string): string[] {
  const header = ['cloud', 'stack', 'resources', 'est. $/month', 'warnings', 'output'];
  const rows = lines.map((l) => [
    l.cloud,
    l.stack,
    String(l.resources),
    l.estimatedMonthlyCostUsd === undefined ? '-' : l.estimatedMonthlyCostUsd.toFixed(2),
    String(l.warnings.length),
    path.relative(root, l.outputPath),
  ]);
  const numeric = [false, false, true, true, true, false];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const format = (cells: string[]) => cells
    .map((c, i) => (i === cells.length - 1 ? c : numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
    .join('  ');
  return [format(header), ...rows.map(format)];
}
