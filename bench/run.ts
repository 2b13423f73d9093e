// `npm run bench` (= `npx tsx bench/run.ts`): synthesis time, CPU and peak
// memory of Cirrus against hand-written aws-cdk-lib / cdktf code producing the
// same resources, and the load cost of the package. See bench/README.md.
//
//   npx tsx bench/run.ts            full run: N = 10, 100 (queue and HTTP triggers), 1000 (queue), writes bench/RESULTS.md
//   npx tsx bench/run.ts --all      also the HTTP trigger at N = 1000
//   npx tsx bench/run.ts --quick    N = 10 and 100, queue trigger, fewer runs (a few minutes)
//   npx tsx bench/run.ts --nested   AWS: N = 100, 300, 1000 in one stack with nested placement vs stacks split by hand (bench/nested.ts)
//   options: --runs <k>  --n 10,100  --targets aws,aws-noval,azure,gcp  --kinds queue,http
//            --load-runs <k>  --no-load  --no-write  --out <file>  --keep
//   diagnostics (no RESULTS.md):
//            --profile <target>:<kind>:<n>    CPU-profile one Cirrus and one baseline run, summarize and diff them
//            --diagnose <target>:<kind>:<n>   cdktf's creation stack traces: count them, and rerun without them
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ChildResult } from './child';
import { checkProviderModules, LOAD_VARIANTS, loadSummary, measureLoad, ModuleCheck, prepareConsumer } from './load';
import { compareOutputs, countByType, OutputComparison, readResources, resourceCount } from './outputs';
import { diffProfiles, formatProfile, summarizeProfile } from './profile';
import { median, num, ratio, spread, table } from './stats';
import { prepareRunnableCopy, REPO } from './transpile';
import { AWS_FUNCTIONS_PER_STACK, awsStackCount, Cloud, CLOUDFORMATION_RESOURCE_LIMIT, Impl, TriggerKindName } from './workload';

/** A measured configuration: a cloud, and on AWS with or without aws-cdk-lib's CloudFormation validation. */
type Target = 'aws' | 'aws-noval' | 'azure' | 'gcp';
const TARGET_LABEL: Record<Target, string> = {
  'aws': 'AWS (validation on)',
  'aws-noval': 'AWS (CDK_VALIDATION=false)',
  'azure': 'Azure',
  'gcp': 'GCP',
};
const cloudOf = (t: Target): Cloud => (t === 'aws-noval' ? 'aws' : t);

/** Targets from the issue. */
const WALL_AND_MEMORY_TARGET = 1.15;
const LINEAR_GROWTH_TARGET = 1.3;
const LOAD_TARGET = 1.2;

interface Options {
  ns: number[];
  runs: (n: number) => number;
  targets: Target[];
  kinds: (n: number) => TriggerKindName[];
  loadRuns: number;
  load: boolean;
  write: boolean;
  out: string;
  keep: boolean;
  quick: boolean;
  profile?: string;
  diagnose?: string;
}

function parseOptions(argv: string[]): Options {
  const get = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const has = (name: string) => argv.includes(name);
  const quick = has('--quick');
  const runsOverride = get('--runs') ? Number(get('--runs')) : undefined;
  const defaultRuns = (n: number) => (n <= 10 ? (quick ? 3 : 5) : n <= 100 ? (quick ? 2 : 5) : 3);
  const kindsOption = get('--kinds')?.split(',') as TriggerKindName[] | undefined;
  const all = has('--all');
  // N = 1000 on Azure alone takes minutes per run (see README): HTTP at N = 1000 only with --all.
  const defaultKinds = (n: number): TriggerKindName[] => (quick || (n >= 1000 && !all) ? ['queue'] : ['queue', 'http']);
  return {
    ns: get('--n') ? get('--n')!.split(',').map(Number) : quick ? [10, 100] : [10, 100, 1000],
    runs: (n) => runsOverride ?? defaultRuns(n),
    targets: (get('--targets')?.split(',') as Target[] | undefined) ?? ['aws', 'aws-noval', 'azure', 'gcp'],
    kinds: (n) => kindsOption ?? defaultKinds(n),
    loadRuns: Number(get('--load-runs') ?? (quick ? 4 : 10)),
    load: !has('--no-load'),
    write: !has('--no-write'),
    out: get('--out') ?? path.join(REPO, 'bench', 'RESULTS.md'),
    keep: has('--keep'),
    quick,
    profile: get('--profile'),
    diagnose: get('--diagnose'),
  };
}

const log = (msg: string) => process.stderr.write(`${msg}\n`);

/** AWS functions per stack, per trigger kind: at most 40, fewer if that would pass CloudFormation's 500 resources (see preflight). */
const functionsPerStack: Partial<Record<TriggerKindName, number>> = {};

/**
 * Children are started through a shell that forks them (`"$0" "$@"; exit $?`
 * cannot be exec'd in place). Linux keeps the largest RSS of a process across
 * execve, and a child forked straight from this driver starts with the
 * driver's pages mapped: its maxRSS would never read below the driver's RSS
 * (hundreds of MB once it has parsed N = 1,000 outputs). A small shell in
 * between gives each child a clean peak-memory figure.
 */
export const FORKING_SHELL = ['-c', '"$0" "$@"; exit $?'];

/** Runs one synthesis in a fresh process; returns wall time (around the process) and what the child measured. */
function runChild(
  pkgRoot: string, work: string, id: string, impl: Impl, target: Target, kind: TriggerKindName, n: number, nodeArgs: string[] = [],
  extraEnv: NodeJS.ProcessEnv = {},
): { wallMs: number; child: ChildResult; outdir: string; runDir: string } {
  const runDir = path.join(work, 'runs', id);
  const outdir = path.join(runDir, 'out');
  const tmp = path.join(runDir, 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  const resultFile = path.join(runDir, 'result.json');
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp, ...extraEnv };
  delete env.CDK_VALIDATION;
  if (target === 'aws-noval') env.CDK_VALIDATION = 'false';
  if (env.NODE_OPTIONS?.includes('tsx')) delete env.NODE_OPTIONS;
  const perStack = cloudOf(target) === 'aws' && functionsPerStack[kind] ? [String(functionsPerStack[kind])] : [];
  const args = [...nodeArgs, path.join(pkgRoot, 'bench', 'child.js'), impl, cloudOf(target), kind, String(n), outdir, resultFile, ...perStack];
  const t0 = process.hrtime.bigint();
  // cwd: the same folder for both sides (cdktf writes the local backend's state path from it).
  const r = spawnSync('/bin/sh', [...FORKING_SHELL, process.execPath, ...args], { cwd: work, env, encoding: 'utf8', maxBuffer: 256 << 20 });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 || !fs.existsSync(resultFile)) {
    const tail = `${r.stderr}\n${r.stdout}`.split('\n').map((l) => (l.length > 300 ? `${l.slice(0, 300)} ...` : l)).slice(-40).join('\n');
    throw new Error(`${impl} ${target}/${kind} N=${n} failed (exit ${r.status}):\n${tail}`);
  }
  return { wallMs, child: JSON.parse(fs.readFileSync(resultFile, 'utf8')), outdir, runDir };
}

interface Sample {
  wallMs: number;
  child: ChildResult;
}

interface ConfigResult {
  target: Target;
  kind: TriggerKindName;
  n: number;
  stacks: number;
  resources: number;
  samples: Record<Impl, Sample[]>;
  comparison: OutputComparison;
  typeCounts: Map<string, number>;
}

const cpuMs = (s: Sample) => s.child.cpuUserMs + s.child.cpuSystemMs;
/** Constructing the tree and synthesizing, without module loading (Cirrus loads renderers and provider modules lazily, inside this phase). */
const synthPhaseMs = (s: Sample) => s.child.buildMs + s.child.synthMs - s.child.requireInBuildAndSynthMs;

function machineInfo(): string[] {
  const cpuModel = (() => {
    try {
      return fs.readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? os.cpus()[0]?.model;
    } catch {
      return os.cpus()[0]?.model;
    }
  })();
  let free = '';
  try {
    free = spawnSync('free', ['-g'], { encoding: 'utf8' }).stdout.trim();
  } catch {
    free = `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB total`;
  }
  const git = spawnSync('git', ['-C', REPO, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim();
  const dirty = spawnSync('git', ['-C', REPO, 'status', '--porcelain', '--', 'index.ts', 'constructs', 'lib'], { encoding: 'utf8' }).stdout.trim();
  return [
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${os.cpus().length} CPUs (nproc), ${cpuModel}; ${os.platform()} ${os.release()}`,
    `- Memory (free -g):\n\n\`\`\`\n${free}\n\`\`\``,
    `- Node ${process.version}; aws-cdk-lib ${pkgVersion('aws-cdk-lib')}, cdktf ${pkgVersion('cdktf')}, @cdktf/provider-azurerm ${pkgVersion('@cdktf/provider-azurerm')}, @cdktf/provider-google ${pkgVersion('@cdktf/provider-google')}; terraform on PATH: ${terraformVersion()}`,
    `- Cirrus sources: commit ${git}${dirty ? ' with uncommitted changes in index.ts/constructs/lib' : ''}`,
    `- Load average at start: ${os.loadavg().map((x) => x.toFixed(2)).join(', ')}`,
  ];
}

function pkgVersion(name: string): string {
  return JSON.parse(fs.readFileSync(path.join(REPO, 'node_modules', name, 'package.json'), 'utf8')).version;
}

function terraformVersion(): string {
  const r = spawnSync('terraform', ['version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0] : 'no';
}

/**
 * Resources one Cirrus function synthesizes on AWS, per trigger kind, and so
 * how many functions fit a stack: min(40, floor(500 / resources per function)).
 */
function preflightAwsStacks(pkgRoot: string, work: string, kinds: TriggerKindName[]): string[] {
  const notes: string[] = [];
  for (const kind of kinds) {
    const n = 4;
    const res = runChild(pkgRoot, work, `preflight-${kind}`, 'cirrus', 'aws-noval', kind, n);
    const perFunction = resourceCount(readResources('aws', res.outdir)) / n;
    fs.rmSync(res.runDir, { recursive: true, force: true });
    const fit = Math.min(AWS_FUNCTIONS_PER_STACK, Math.floor(CLOUDFORMATION_RESOURCE_LIMIT / perFunction));
    functionsPerStack[kind] = fit;
    notes.push(`${kind} trigger: ${perFunction} resources per function, so ${fit} functions per stack${fit < AWS_FUNCTIONS_PER_STACK ? ` (40 would make ${40 * perFunction} resources, over CloudFormation's ${CLOUDFORMATION_RESOURCE_LIMIT})` : ''}`);
  }
  return notes;
}

function runSynthesisBenchmark(opts: Options, pkgRoot: string, work: string): ConfigResult[] {
  const configs: { target: Target; kind: TriggerKindName; n: number }[] = [];
  for (const n of opts.ns) for (const kind of opts.kinds(n)) for (const target of opts.targets) configs.push({ target, kind, n });
  const totalRuns = configs.reduce((s, c) => s + 2 * opts.runs(c.n), 0);
  log(`${configs.length} configurations, ${totalRuns} measured processes`);

  // Warm-up (file cache, tsx-free module loading), not measured.
  for (const impl of ['cirrus', 'baseline'] as Impl[]) {
    const w = runChild(pkgRoot, work, `warmup-${impl}`, impl, opts.targets[0], opts.kinds(10)[0], 10);
    fs.rmSync(w.runDir, { recursive: true, force: true });
  }

  const results: ConfigResult[] = [];
  let done = 0;
  const started = Date.now();
  for (const { target, kind, n } of configs) {
    const samples: Record<Impl, Sample[]> = { cirrus: [], baseline: [] };
    const outputs: Partial<Record<Impl, ReturnType<typeof readResources>>> = {};
    const runs = opts.runs(n);
    for (let r = 0; r < runs; r++) {
      // Alternate which side goes first, so drift in machine load hits both alike.
      const order: Impl[] = r % 2 === 0 ? ['cirrus', 'baseline'] : ['baseline', 'cirrus'];
      const line: string[] = [];
      for (const impl of order) {
        const id = `${target}-${kind}-${n}-${impl}-${r}`;
        const res = runChild(pkgRoot, work, id, impl, target, kind, n);
        samples[impl].push({ wallMs: res.wallMs, child: res.child });
        if (r === 0) {
          outputs[impl] ??= readResources(cloudOf(target), res.outdir);
        }
        fs.rmSync(res.runDir, { recursive: true, force: true });
        line.push(`${impl} ${(res.wallMs / 1000).toFixed(2)} s`);
        done++;
      }
      const elapsed = (Date.now() - started) / 1000;
      log(`[${done}/${totalRuns}, ${elapsed.toFixed(0)} s] ${target}/${kind} N=${n} run ${r + 1}/${runs}: ${line.join(', ')}`);
    }
    const comparison = compareOutputs(outputs.cirrus!, outputs.baseline!);
    if (!comparison.identical) {
      log(`  outputs differ:\n  ${comparison.differences.join('\n  ')}`);
    }
    results.push({
      target, kind, n,
      stacks: cloudOf(target) === 'aws' ? awsStackCount(n, functionsPerStack[kind]) : 1,
      resources: resourceCount(outputs.cirrus!),
      samples,
      comparison,
      typeCounts: countByType(outputs.cirrus!),
    });
  }
  return results;
}

function verdict(ok: boolean): string {
  return ok ? 'met' : '**missed**';
}

function synthesisTables(results: ConfigResult[]): { md: string; misses: string[] } {
  const misses: string[] = [];
  const rowsA: string[][] = [];
  const rowsB: string[][] = [];
  for (const r of results) {
    const c = r.samples.cirrus;
    const b = r.samples.baseline;
    const wallRatio = median(c.map((s) => s.wallMs)) / median(b.map((s) => s.wallMs));
    const rssRatio = median(c.map((s) => s.child.maxRssMb)) / median(b.map((s) => s.child.maxRssMb));
    const ok = wallRatio <= WALL_AND_MEMORY_TARGET && rssRatio <= WALL_AND_MEMORY_TARGET;
    if (!ok) misses.push(`${TARGET_LABEL[r.target]} ${r.kind} N=${r.n}: wall ${wallRatio.toFixed(2)}, peak RSS ${rssRatio.toFixed(2)}`);
    rowsA.push([
      TARGET_LABEL[r.target], r.kind, String(r.n), String(r.stacks), String(r.resources),
      spread(c.map((s) => s.wallMs), 1 / 1000), spread(b.map((s) => s.wallMs), 1 / 1000), `**${wallRatio.toFixed(2)}**`,
      spread(c.map((s) => s.child.maxRssMb)), spread(b.map((s) => s.child.maxRssMb)), `**${rssRatio.toFixed(2)}**`,
      verdict(ok), r.comparison.identical ? 'identical' : r.comparison.sameTypeCounts ? 'same type counts' : '**different**',
    ]);
    const perRes = (xs: number[]) => (median(xs) * 1000) / r.resources; // µs per resource
    rowsB.push([
      TARGET_LABEL[r.target], r.kind, String(r.n),
      spread(c.map(cpuMs), 1 / 1000), spread(b.map(cpuMs), 1 / 1000), ratio(median(c.map(cpuMs)), median(b.map(cpuMs))),
      spread(c.map(synthPhaseMs), 1 / 1000), spread(b.map(synthPhaseMs), 1 / 1000), ratio(median(c.map(synthPhaseMs)), median(b.map(synthPhaseMs))),
      `${num(perRes(c.map((s) => s.wallMs)) / 1000)} / ${num(perRes(b.map((s) => s.wallMs)) / 1000)}`,
      `${num(perRes(c.map(synthPhaseMs)) / 1000)} / ${num(perRes(b.map(synthPhaseMs)) / 1000)}`,
      `${num(median(c.map((s) => s.child.requireMs)))} / ${num(median(b.map((s) => s.child.requireMs)))}`,
    ]);
  }
  const md = [
    '### Wall time and peak memory (the targets: ratio ≤ 1.15)',
    '',
    'Median of the runs, (min–max) in brackets. Wall = the whole process, from spawn to exit (Node start, module loading, construction, synthesis, writing the output). Peak RSS = the process\'s maximum resident set size.',
    '',
    table(
      ['target', 'trigger', 'N', 'stacks', 'resources', 'wall s Cirrus', 'wall s baseline', 'wall ratio', 'peak RSS MB Cirrus', 'peak RSS MB baseline', 'RSS ratio', 'target', 'outputs'],
      rowsA,
      ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l', 'l'],
    ),
    '',
    '### CPU, synthesis phases and time per resource',
    '',
    'CPU = user + system time of the process. build+synth = constructing the tree and `app.synth()`, minus the module loading that happens inside them (Cirrus loads its renderer and provider modules lazily, while the baselines import them up front): the library\'s own work. Per resource = median divided by the number of synthesized resources, in ms, Cirrus / baseline. Modules = time in `require` over the whole process, ms (Cirrus / baseline).',
    '',
    table(
      ['target', 'trigger', 'N', 'CPU s Cirrus', 'CPU s baseline', 'CPU ratio', 'build+synth s Cirrus', 'build+synth s baseline', 'ratio', 'wall ms/resource', 'build+synth ms/resource', 'modules ms'],
      rowsB,
      ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
  ].join('\n');
  return { md, misses };
}

function linearityTable(results: ConfigResult[]): { md: string; misses: string[] } {
  const misses: string[] = [];
  const rows: string[][] = [];
  const find = (t: Target, k: TriggerKindName, n: number) => results.find((r) => r.target === t && r.kind === k && r.n === n);
  for (const r100 of results.filter((r) => r.n === 100)) {
    const r1000 = find(r100.target, r100.kind, 1000);
    if (!r1000) continue;
    for (const impl of ['cirrus', 'baseline'] as Impl[]) {
      const per = (r: ConfigResult, f: (s: Sample) => number) => median(r.samples[impl].map(f)) / r.resources;
      const growthPhase = per(r1000, synthPhaseMs) / per(r100, synthPhaseMs);
      const growthWall = per(r1000, (s) => s.wallMs) / per(r100, (s) => s.wallMs);
      const ok = growthPhase <= LINEAR_GROWTH_TARGET;
      if (!ok && impl === 'cirrus') misses.push(`${TARGET_LABEL[r100.target]} ${r100.kind}: build+synth per resource grows ${growthPhase.toFixed(2)}x from N=100 to N=1000`);
      rows.push([
        TARGET_LABEL[r100.target], r100.kind, impl,
        num(per(r100, synthPhaseMs)), num(per(r1000, synthPhaseMs)), `**${growthPhase.toFixed(2)}**`,
        num(per(r100, (s) => s.wallMs)), num(per(r1000, (s) => s.wallMs)), growthWall.toFixed(2),
        impl === 'cirrus' ? verdict(ok) : ok ? '(linear)' : '(not linear)',
      ]);
    }
  }
  if (rows.length === 0) return { md: '', misses };
  return {
    md: [
      '### Linear growth (target: time per resource at N = 1,000 within 1.3x of N = 100)',
      '',
      'Judged on build + synth per resource, which leaves out the fixed start-up cost (that cost would make the wall-time figure look better at N = 1,000 than it is).',
      '',
      table(['target', 'trigger', 'impl', 'build+synth ms/res N=100', 'N=1000', 'growth', 'wall ms/res N=100', 'N=1000', 'growth', 'target'], rows,
        ['l', 'l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'l']),
    ].join('\n'),
    misses,
  };
}

function typeCountTables(results: ConfigResult[]): string {
  const parts: string[] = [
    '### Same resources on both sides',
    '',
    'Every configuration compares the first run\'s outputs resource by resource (CloudFormation templates; Terraform JSON without cdktf\'s `//` metadata): "identical" means the same logical ids / addresses with byte-identical JSON, so the baseline emits exactly what Cirrus emits. Resource types and counts at the smallest N (Cirrus / baseline):',
    '',
  ];
  const n0 = Math.min(...results.map((r) => r.n));
  for (const r of results.filter((x) => x.n === n0 && x.target !== 'aws-noval')) {
    parts.push(`${TARGET_LABEL[r.target].replace(/ \(.*\)/, '')}, ${r.kind}, N=${r.n}: ${r.comparison.typeRows.map(([t, a, b]) => `${t} ${a}/${b}`).join(', ')}`, '');
  }
  const notIdentical = results.filter((r) => !r.comparison.identical);
  parts.push(notIdentical.length === 0
    ? `All ${results.length} configurations: identical outputs.`
    : `Outputs differ in: ${notIdentical.map((r) => `${r.target}/${r.kind}/N=${r.n} (${r.comparison.differences[0]})`).join('; ')}`);
  return parts.join('\n');
}

function loadTables(samples: Map<string, ReturnType<typeof measureLoad> extends Map<string, infer S> ? S : never>, checks: ModuleCheck[], runs: number): { md: string; misses: string[] } {
  const misses: string[] = [];
  const s = new Map([...samples].map(([k, v]) => [k, loadSummary(v)]));
  const rows = LOAD_VARIANTS.map((v) => {
    const x = samples.get(v.name)!;
    return [
      v.name,
      spread(x.map((y) => y.requireMs)), spread(x.map((y) => y.wallMs)),
      spread(x.map((y) => y.rssMb)), spread(x.map((y) => y.heapMb)), spread(x.map((y) => y.maxRssMb)), String(s.get(v.name)!.modules),
    ];
  });
  const cirrus = s.get(LOAD_VARIANTS[0].name)!;
  const base = s.get(LOAD_VARIANTS[1].name)!;
  const timeRatio = cirrus.requireMs / base.requireMs;
  const rssRatio = cirrus.rssMb / base.rssMb;
  const wallRatio = cirrus.wallMs / base.wallMs;
  const modulesOk = checks.every((c) => c.ok);
  if (timeRatio > LOAD_TARGET) misses.push(`require time ${timeRatio.toFixed(2)}x the baseline`);
  if (rssRatio > LOAD_TARGET) misses.push(`require RSS growth ${rssRatio.toFixed(2)}x the baseline`);
  if (!modulesOk) misses.push('provider modules loaded where they should not be');
  const md = [
    '## Load cost',
    '',
    `Each variant in a fresh plain \`node -e\` process from an app folder whose node_modules resolves \`cirrus-constructs\` to this package; ${runs} runs each, alternated, median (min–max). require = time across the require calls; wall = the whole process; RSS / heap = growth across the requires.`,
    '',
    table(['variant', 'require ms', 'process wall ms', 'RSS growth MB', 'heap growth MB', 'peak RSS MB', 'modules'], rows, ['l', 'r', 'r', 'r', 'r', 'r', 'r']),
    '',
    `Cirrus / baseline (aws-cdk-lib + cdktf): require time **${timeRatio.toFixed(2)}**, RSS growth **${rssRatio.toFixed(2)}**, process wall ${wallRatio.toFixed(2)} — target ≤ ${LOAD_TARGET}: ${verdict(timeRatio <= LOAD_TARGET && rssRatio <= LOAD_TARGET)}.`,
    '',
    'Provider modules loaded by a one-function app (queue + HTTP trigger) per cloud, synthesized in a fresh process:',
    '',
    ...checks.map((c) => `- ${c.app}: ${c.ok ? 'ok' : '**FAILED**'} — ${c.detail}`),
  ].join('\n');
  return { md, misses };
}

function profileMode(spec: string, pkgRoot: string, work: string): void {
  const [target, kind, nStr] = spec.split(':') as [Target, TriggerKindName, string];
  const n = Number(nStr ?? 100);
  const dir = path.join(work, 'profiles');
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  if (cloudOf(target) === 'aws') {
    preflightAwsStacks(pkgRoot, work, [kind]);
  }
  for (const impl of ['cirrus', 'baseline'] as Impl[]) {
    const profDir = path.join(dir, impl);
    const res = runChild(pkgRoot, work, `profile-${impl}`, impl, target, kind, n, ['--cpu-prof', `--cpu-prof-dir=${profDir}`]);
    const file = path.join(profDir, fs.readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile')).sort()[0]);
    files.push(file);
    console.log(`\n## ${impl} ${target}/${kind} N=${n}: wall ${(res.wallMs / 1000).toFixed(2)} s, build ${(res.child.buildMs / 1000).toFixed(2)} s, synth ${(res.child.synthMs / 1000).toFixed(2)} s, peak RSS ${res.child.maxRssMb.toFixed(0)} MB`);
    console.log(`profile: ${file}`);
    console.log(formatProfile(summarizeProfile(file)));
  }
  console.log('\n## Self time, Cirrus minus baseline (file-system calls vary with other load on the machine: compare several profiles before trusting them)');
  for (const [name, ms] of diffProfiles(files[0], files[1], 25)) {
    console.log(`${ms.toFixed(0).padStart(8)} ms  ${name}`);
  }
}

/**
 * cdktf keeps a full creation stack trace for every token and computed
 * attribute object: counts them on both sides, then reruns both without them
 * (what the traces cost in time and peak memory).
 */
function diagnoseMode(spec: string, pkgRoot: string, work: string, runs: number): void {
  const [target, kind, nStr] = spec.split(':') as [Target, TriggerKindName, string];
  const n = Number(nStr ?? 100);
  if (cloudOf(target) === 'aws') {
    console.log('--diagnose looks at cdktf: use an azure or gcp target');
    return;
  }
  const preload = ['-r', path.join(pkgRoot, 'bench', 'cdktf-traces.cjs')];
  const rows: string[][] = [];
  for (const mode of ['count', 'off']) {
    const samples: Record<Impl, { wall: number[]; cpu: number[]; rss: number[]; traces?: { calls: number; frames: number; chars: number } }> = {
      cirrus: { wall: [], cpu: [], rss: [] }, baseline: { wall: [], cpu: [], rss: [] },
    };
    for (let r = 0; r < runs; r++) {
      for (const impl of (r % 2 ? ['baseline', 'cirrus'] : ['cirrus', 'baseline']) as Impl[]) {
        const statsFile = path.join(work, `traces-${impl}.json`);
        const res = runChild(pkgRoot, work, `diagnose-${mode}-${impl}-${r}`, impl, target, kind, n, preload, { CDKTF_TRACES: mode, CDKTF_TRACES_OUT: statsFile });
        fs.rmSync(res.runDir, { recursive: true, force: true });
        samples[impl].wall.push(res.wallMs);
        samples[impl].cpu.push(cpuMs({ wallMs: res.wallMs, child: res.child }));
        samples[impl].rss.push(res.child.maxRssMb);
        samples[impl].traces = JSON.parse(fs.readFileSync(statsFile, 'utf8'));
      }
    }
    for (const impl of ['cirrus', 'baseline'] as Impl[]) {
      const x = samples[impl];
      const t = x.traces!;
      rows.push([
        mode === 'count' ? 'as shipped' : 'no creation traces', impl,
        mode === 'count' ? String(t.calls) : '0', mode === 'count' ? (t.frames / t.calls).toFixed(1) : '-', mode === 'count' ? (t.chars / 1e6).toFixed(1) : '-',
        spread(x.wall, 1 / 1000), spread(x.cpu, 1 / 1000), spread(x.rss),
      ]);
    }
    const ratio = (f: (s: typeof samples.cirrus) => number[]) => (median(f(samples.cirrus)) / median(f(samples.baseline))).toFixed(2);
    rows.push([mode === 'count' ? 'as shipped' : 'no creation traces', 'Cirrus / baseline', '', '', '', ratio((s) => s.wall), ratio((s) => s.cpu), ratio((s) => s.rss)]);
  }
  console.log(`# cdktf creation stack traces, ${target}/${kind} N=${n}, ${runs} runs each\n`);
  console.log(table(['cdktf', 'impl', 'traces', 'frames / trace', 'M chars', 'wall s', 'CPU s', 'peak RSS MB'], rows, ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r']));
}

async function main(): Promise<void> {
  if (process.argv.includes('--nested')) {
    // One AWS stack of N functions with nested placement against stacks split by hand (bench/nested.ts).
    (require('./nested') as typeof import('./nested')).nestedMain(process.argv.slice(2));
    return;
  }
  const opts = parseOptions(process.argv.slice(2));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-bench-'));
  log(`work folder ${work}`);
  const started = Date.now();
  try {
    const pkgRoot = prepareRunnableCopy(work);
    if (opts.profile) {
      opts.keep = true; // the .cpuprofile files stay for inspection
      profileMode(opts.profile, pkgRoot, work);
      return;
    }
    if (opts.diagnose) {
      diagnoseMode(opts.diagnose, pkgRoot, work, Number(process.argv.includes('--runs') ? opts.runs(0) : 2));
      return;
    }
    const header = machineInfo();
    const allKinds = [...new Set(opts.ns.flatMap((n) => opts.kinds(n)))];
    const stackNotes = opts.targets.some((t) => cloudOf(t) === 'aws') ? preflightAwsStacks(pkgRoot, work, allKinds) : [];
    const results = runSynthesisBenchmark(opts, pkgRoot, work);
    let loadMd = '';
    let loadMisses: string[] = [];
    if (opts.load) {
      log('load cost ...');
      const consumer = prepareConsumer(path.join(work, 'consumer'), pkgRoot);
      const samples = measureLoad(consumer, opts.loadRuns);
      const checks = checkProviderModules(consumer, path.join(work, 'modules'));
      ({ md: loadMd, misses: loadMisses } = loadTables(samples, checks, opts.loadRuns));
    }
    const synth = synthesisTables(results);
    const linear = linearityTable(results);
    const minutes = ((Date.now() - started) / 60000).toFixed(1);
    const runsText = opts.ns.map((n) => `N=${n}: ${opts.runs(n)} (${opts.kinds(n).join(' and ')} trigger)`).join(', ');
    const allMisses = [...synth.misses, ...linear.misses, ...loadMisses.map((m) => `load: ${m}`)];
    const md = [
      '# Cirrus synthesis benchmark',
      '',
      `Generated by \`npx tsx bench/run.ts${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(' ')}` : ''}\` in ${minutes} min. How it measures and why the baseline is comparable: bench/README.md.`,
      '',
      ...header,
      `- Load average at end: ${os.loadavg().map((x) => x.toFixed(2)).join(', ')} (other work shares these ${os.cpus().length} CPUs: read small ratios with the spread in mind)`,
      `- Runs per configuration and side (alternating Cirrus / baseline, each a fresh process): ${runsText}`,
      '',
      '## Summary',
      '',
      allMisses.length === 0 ? 'All targets met.' : `Targets missed:\n\n${allMisses.map((m) => `- ${m}`).join('\n')}`,
      '',
      '## Synthesis',
      '',
      'Workload: N functions (Node.js 22, code from `examples/order-processing/handlers/orders`, all other props at their defaults, so with Cirrus\'s default alarms), each with one queue trigger (`Trigger.queue()`) or one HTTP trigger (`POST /items`, private). Azure and GCP: one stack. AWS: stacks of at most 40 functions and at most 500 resources; ' + stackNotes.join('; ') + '. Baseline: the same resources written by hand with aws-cdk-lib L2 constructs / cdktf provider classes (bench/baseline-*.ts).',
      '',
      synth.md,
      '',
      linear.md,
      '',
      typeCountTables(results),
      '',
      loadMd,
      '',
    ].join('\n');
    console.log(md);
    if (opts.write) {
      fs.writeFileSync(opts.out, md);
      // The portable handlers' package size and import time (bench/portable.ts).
      console.log((require('./portable') as typeof import('./portable')).writePortableSection(opts.out));
      console.log(await (require('./local') as typeof import('./local')).writeLocalSection(opts.out));
      log(`wrote ${path.relative(process.cwd(), opts.out)}`);
    }
  } finally {
    if (!opts.keep) fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
