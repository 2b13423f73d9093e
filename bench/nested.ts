// Big AWS stacks (issue #20): N Cirrus functions in ONE aws-cdk-lib Stack, which
// Cirrus places in nested stacks (FunctionPlacement.nestedStacks), against the
// same N functions written by hand with aws-cdk-lib and split by hand into
// top-level stacks of at most 500 resources (bench/baseline-aws.ts). Wall time
// around each child process and its peak RSS, with and without aws-cdk-lib's
// CloudFormation validation. Writes the "## AWS: one stack, nested placement"
// section of bench/RESULTS.md.
//
//   npx tsx bench/nested.ts [--n 100,300,1000] [--runs 2] [--no-write]
//   npx tsx bench/nested.ts --nested-baseline [--n ...]   diagnostic: against NestedStacks written by hand (prints a table)
//   npm run bench -- --nested [--n ...]       (the same, from bench/run.ts)
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ChildResult } from './child';
import { median } from './stats';
import { prepareRunnableCopy, REPO } from './transpile';
import { CLOUDFORMATION_RESOURCE_LIMIT } from './workload';

const TARGET = 1.15;
/** `--groups sized`: Cirrus's groups sized to the baseline's stack count instead of the default 64. */
const SIZED_GROUPS = process.argv.includes('--groups') && process.argv[process.argv.indexOf('--groups') + 1] === 'sized';
/** Functions per group on average with `--groups sized`: hashing fills groups unevenly, so a group of at most ~33 needs headroom. */
const SIZED_FUNCTIONS_PER_GROUP = 20;
const SECTION = '## AWS: one stack, nested placement';

interface Run {
  wallMs: number;
  child: ChildResult;
  templates: { count: number; maxResources: number; maxBytes: number; resources: number };
}

function runOnce(pkgRoot: string, work: string, id: string, impl: 'cirrus' | 'baseline', n: number, validation: boolean, perStack: number, nestedBaseline = false): Run {
  const runDir = path.join(work, id);
  const outdir = path.join(runDir, 'out');
  fs.mkdirSync(path.join(runDir, 'tmp'), { recursive: true });
  const resultFile = path.join(runDir, 'result.json');
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: path.join(runDir, 'tmp') };
  delete env.CDK_VALIDATION;
  delete env.CIRRUS_BENCH_NESTED;
  delete env.CIRRUS_BENCH_BASELINE_NESTED;
  delete env.CIRRUS_BENCH_GROUPS;
  // --groups sized: groups for about 20 functions each, the headroom a user gives hashed placement (a group holds at most ~33).
  if (SIZED_GROUPS && impl === 'cirrus') env.CIRRUS_BENCH_GROUPS = String(Math.ceil(n / SIZED_FUNCTIONS_PER_GROUP));
  if (nestedBaseline) env.CIRRUS_BENCH_BASELINE_NESTED = '1';
  if (env.NODE_OPTIONS?.includes('tsx')) delete env.NODE_OPTIONS;
  if (!validation) env.CDK_VALIDATION = 'false';
  if (impl === 'cirrus') env.CIRRUS_BENCH_NESTED = '1';
  const args = [path.join(pkgRoot, 'bench', 'child.js'), impl, 'aws', 'queue', String(n), outdir, resultFile, String(perStack)];
  const t0 = process.hrtime.bigint();
  // A shell in between gives the child a clean peak-RSS figure (see FORKING_SHELL in bench/run.ts).
  const r = spawnSync('/bin/sh', ['-c', '"$0" "$@"; exit $?', process.execPath, ...args], { cwd: work, env, encoding: 'utf8', maxBuffer: 256 << 20 });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 || !fs.existsSync(resultFile)) {
    throw new Error(`${impl} N=${n} failed (exit ${r.status}):\n${`${r.stderr}\n${r.stdout}`.split('\n').slice(-30).join('\n')}`);
  }
  const files = fs.readdirSync(outdir).filter((f) => f.endsWith('.template.json'));
  const sizes = files.map((f) => {
    const text = fs.readFileSync(path.join(outdir, f), 'utf8');
    return { bytes: text.length, resources: Object.keys(JSON.parse(text).Resources ?? {}).length };
  });
  const templates = {
    count: files.length,
    maxResources: Math.max(...sizes.map((s) => s.resources)),
    maxBytes: Math.max(...sizes.map((s) => s.bytes)),
    resources: sizes.reduce((a, s) => a + s.resources, 0),
  };
  const child = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as ChildResult;
  fs.rmSync(runDir, { recursive: true, force: true });
  return { wallMs, child, templates };
}

export function nestedSection(ns: number[], runs: (n: number) => number): string {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-bench-nested-'));
  try {
    const pkgRoot = prepareRunnableCopy(work);
    // Resources of one function, so the baseline's stacks hold as many as fit in 500 (at most 40, as bench/run.ts).
    const probe = runOnce(pkgRoot, work, 'probe', 'baseline', 4, false, 4);
    const perFunction = (probe.templates.resources - probe.templates.count) / 4;
    const perStack = Math.min(40, Math.floor(CLOUDFORMATION_RESOURCE_LIMIT / perFunction));
    const rows: string[] = [];
    for (const n of ns) {
      for (const validation of [true, false]) {
        const samples: Record<'cirrus' | 'baseline', Run[]> = { cirrus: [], baseline: [] };
        for (let k = 0; k < runs(n); k++) {
          // Alternate the two sides, so drifting load on a shared machine hits both.
          for (const impl of (k % 2 === 0 ? ['cirrus', 'baseline'] : ['baseline', 'cirrus']) as const) {
            process.stderr.write(`nested bench: ${impl} N=${n} validation=${validation} run ${k + 1}/${runs(n)}\n`);
            samples[impl].push(runOnce(pkgRoot, work, `${impl}-${n}-${validation}-${k}`, impl, n, validation, perStack));
          }
        }
        const wall = (impl: 'cirrus' | 'baseline') => median(samples[impl].map((s) => s.wallMs));
        const rss = (impl: 'cirrus' | 'baseline') => median(samples[impl].map((s) => s.child.maxRssMb));
        const t = samples.cirrus[0].templates;
        const b = samples.baseline[0].templates;
        const wallRatio = wall('cirrus') / wall('baseline');
        const rssRatio = rss('cirrus') / rss('baseline');
        rows.push(`| ${n} | ${validation ? 'on' : 'off'} | ${runs(n)} | ${(wall('cirrus') / 1000).toFixed(1)} s | ${(wall('baseline') / 1000).toFixed(1)} s | `
          + `${wallRatio.toFixed(2)}${wallRatio <= TARGET ? '' : ' ✗'} | ${rss('cirrus').toFixed(0)} MB | ${rss('baseline').toFixed(0)} MB | ${rssRatio.toFixed(2)}${rssRatio <= TARGET ? '' : ' ✗'} | `
          + `1 stack + ${t.count - 1} nested; ≤ ${t.maxResources} resources, ≤ ${(t.maxBytes / 1000).toFixed(0)} kB | ${b.count} stacks; ≤ ${b.maxResources} resources |`);
      }
    }
    return [
      SECTION,
      '',
      `Workload: N functions with one queue trigger each (${Math.round(perFunction)} resources per function, Cirrus defaults incl. alarms). Cirrus: all N in one aws-cdk-lib Stack with \`FunctionPlacement.nestedStacks(stack${SIZED_GROUPS ? ', { groups }' : ''})\` (${SIZED_GROUPS ? `groups = ceil(N / ${SIZED_FUNCTIONS_PER_GROUP}), sized with headroom for hashed placement` : '64 groups, the default'}). `
        + `Baseline: the same functions written by hand with aws-cdk-lib (bench/baseline-aws.ts), split by hand into top-level stacks of ${perStack} functions. `
        + `Wall time around the process (load + build + synth) and peak RSS, medians; target ≤ ${TARGET}x. Measured ${new Date().toISOString()} on ${os.cpus().length} CPUs, load average at the end ${os.loadavg().map((x) => x.toFixed(1)).join(', ')} (a shared machine: figures move between runs; both sides alternate). Script: bench/nested.ts.`,
      '',
      '| N | validation | runs | Cirrus wall | baseline wall | ratio | Cirrus RSS | baseline RSS | ratio | Cirrus templates | baseline templates |',
      '|---|---|---|---|---|---|---|---|---|---|---|',
      ...rows,
      '',
    ].join('\n');
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Diagnostic: Cirrus's one nested stack against the same NestedStacks written by hand with
 * aws-cdk-lib (bench/baseline-aws.ts with CIRRUS_BENCH_BASELINE_NESTED=1), without validation:
 * how much of the gap to the split-by-hand baseline is aws-cdk-lib's nested stacks.
 */
export function nestedBaselineRows(ns: number[], runs: (n: number) => number): string[] {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-bench-nested-'));
  try {
    const pkgRoot = prepareRunnableCopy(work);
    return ns.map((n) => {
      const samples: Record<'cirrus' | 'baseline', Run[]> = { cirrus: [], baseline: [] };
      for (let k = 0; k < runs(n); k++) {
        for (const impl of (k % 2 === 0 ? ['cirrus', 'baseline'] : ['baseline', 'cirrus']) as const) {
          process.stderr.write(`nested bench (hand-written nested baseline): ${impl} N=${n} run ${k + 1}/${runs(n)}\n`);
          samples[impl].push(runOnce(pkgRoot, work, `nb-${impl}-${n}-${k}`, impl, n, false, 40, impl === 'baseline'));
        }
      }
      const wall = (impl: 'cirrus' | 'baseline') => median(samples[impl].map((s) => s.wallMs));
      const rss = (impl: 'cirrus' | 'baseline') => median(samples[impl].map((s) => s.child.maxRssMb));
      return `| ${n} | off | ${runs(n)} | ${(wall('cirrus') / 1000).toFixed(1)} s | ${(wall('baseline') / 1000).toFixed(1)} s | ${(wall('cirrus') / wall('baseline')).toFixed(2)} | `
        + `${rss('cirrus').toFixed(0)} MB | ${rss('baseline').toFixed(0)} MB | ${(rss('cirrus') / rss('baseline')).toFixed(2)} |`;
    });
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export function writeNestedSection(ns: number[], runs: (n: number) => number, file = path.join(REPO, 'bench', 'RESULTS.md')): string {
  const section = nestedSection(ns, runs);
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const start = text.indexOf(SECTION);
  const next = start >= 0 ? text.indexOf('\n## ', start + 1) : -1;
  const updated = start < 0 ? `${text.trimEnd()}\n\n${section}` : `${text.slice(0, start)}${section}${next >= 0 ? text.slice(next + 1) : ''}`;
  fs.writeFileSync(file, updated.endsWith('\n') ? updated : `${updated}\n`);
  return section;
}

export function nestedMain(argv: string[]): void {
  const get = (name: string) => (argv.indexOf(name) >= 0 ? argv[argv.indexOf(name) + 1] : undefined);
  const ns = get('--n') ? get('--n')!.split(',').map(Number) : [100, 300, 1000];
  const runsOverride = get('--runs') ? Number(get('--runs')) : undefined;
  const runs = (n: number) => runsOverride ?? (n >= 1000 ? 1 : 2);
  if (argv.includes('--nested-baseline')) {
    console.log(['| N | validation | runs | Cirrus wall | hand-written nested wall | ratio | Cirrus RSS | hand-written nested RSS | ratio |', '|---|---|---|---|---|---|---|---|---|',
      ...nestedBaselineRows(ns, runs)].join('\n'));
    return;
  }
  console.log(argv.includes('--no-write') ? nestedSection(ns, runs) : writeNestedSection(ns, runs));
}

if (require.main === module) {
  nestedMain(process.argv.slice(2));
}
