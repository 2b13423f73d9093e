// Reads a synthesized output folder: resource counts by type, and a
// comparison of two outputs (Cirrus vs baseline), resource by resource.
import * as fs from 'fs';
import * as path from 'path';
import type { Cloud } from './workload';

/** One synthesized resource (or Terraform data source), keyed by stack, type and logical id / address. */
interface OutputResource {
  readonly key: string;
  readonly type: string;
  readonly body: string;
}

function awsResources(outdir: string): OutputResource[] {
  const list: OutputResource[] = [];
  for (const file of fs.readdirSync(outdir).filter((f) => f.endsWith('.template.json')).sort()) {
    const template = JSON.parse(fs.readFileSync(path.join(outdir, file), 'utf8'));
    for (const [id, resource] of Object.entries<{ Type: string }>(template.Resources ?? {})) {
      // Resource Metadata (Cirrus records checkov skips there) is not configuration, like cdktf's "//".
      const { Metadata: _metadata, ...configuration } = resource as { Type: string; Metadata?: unknown };
      list.push({ key: `${file}:${id}`, type: resource.Type, body: JSON.stringify(configuration) });
    }
  }
  return list;
}

/** Drops cdktf's "//" metadata (construct paths), which is not configuration. */
function withoutMetadata(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(withoutMetadata);
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== '//').map(([k, v]) => [k, withoutMetadata(v)]));
  }
  return value;
}

function terraformResources(outdir: string): OutputResource[] {
  const list: OutputResource[] = [];
  const stacksDir = path.join(outdir, 'stacks');
  for (const stack of fs.readdirSync(stacksDir).sort()) {
    const config = JSON.parse(fs.readFileSync(path.join(stacksDir, stack, 'cdk.tf.json'), 'utf8'));
    for (const block of ['resource', 'data'] as const) {
      for (const [type, byName] of Object.entries<Record<string, unknown>>(config[block] ?? {})) {
        const label = block === 'data' ? `data.${type}` : type;
        for (const [name, body] of Object.entries(byName)) {
          list.push({ key: `${stack}:${label}.${name}`, type: label, body: JSON.stringify(withoutMetadata(body)) });
        }
      }
    }
    list.push({ key: `${stack}:provider`, type: '(provider)', body: JSON.stringify(config.provider) });
  }
  return list;
}

export function readResources(cloud: Cloud, outdir: string): OutputResource[] {
  return cloud === 'aws' ? awsResources(outdir) : terraformResources(outdir);
}

/** Number of resources (Terraform: resources and data sources; the provider block is not counted). */
export function resourceCount(resources: OutputResource[]): number {
  return resources.filter((r) => r.type !== '(provider)').length;
}

export function countByType(resources: OutputResource[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of resources) {
    if (r.type !== '(provider)') {
      counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    }
  }
  return new Map([...counts].sort((a, b) => a[0].localeCompare(b[0])));
}

/** How two outputs compare. */
export interface OutputComparison {
  /** Same resource types with the same counts. */
  readonly sameTypeCounts: boolean;
  /** Every resource identical (same logical id / address and the same JSON). */
  readonly identical: boolean;
  /** Type count rows: type, Cirrus count, baseline count. */
  readonly typeRows: [string, number, number][];
  /** A few differences, for the report. */
  readonly differences: string[];
}

export function compareOutputs(cirrus: OutputResource[], baseline: OutputResource[]): OutputComparison {
  const a = countByType(cirrus);
  const b = countByType(baseline);
  const types = [...new Set([...a.keys(), ...b.keys()])].sort();
  const typeRows = types.map((t): [string, number, number] => [t, a.get(t) ?? 0, b.get(t) ?? 0]);
  const byKey = new Map(baseline.map((r) => [r.key, r]));
  const differences: string[] = [];
  let diffCount = 0;
  for (const r of cirrus) {
    const other = byKey.get(r.key);
    if (!other) {
      diffCount++;
      if (differences.length < 5) differences.push(`only in Cirrus: ${r.key}`);
    } else if (other.body !== r.body) {
      diffCount++;
      if (differences.length < 5) differences.push(`differs: ${r.key}\n    cirrus:   ${r.body.slice(0, 600)}\n    baseline: ${other.body.slice(0, 600)}`);
    }
    byKey.delete(r.key);
  }
  for (const r of byKey.values()) {
    diffCount++;
    if (differences.length < 5) differences.push(`only in baseline: ${r.key}`);
  }
  if (diffCount > differences.length) {
    differences.push(`... ${diffCount - differences.length} more`);
  }
  return {
    sameTypeCounts: typeRows.every(([, x, y]) => x === y),
    identical: diffCount === 0,
    typeRows,
    differences,
  };
}
