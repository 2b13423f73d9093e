// Load cost: `require('cirrus-constructs')` against `require('aws-cdk-lib')` +
// `require('cdktf')`, each in fresh plain-node processes, alternated; and
// which provider modules an AWS-only, an Azure and a GCP app load.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { median } from './stats';

export interface LoadVariant {
  readonly name: string;
  readonly requires: string[];
}

export const LOAD_VARIANTS: LoadVariant[] = [
  { name: "require('cirrus-constructs')", requires: ['cirrus-constructs'] },
  { name: "require('aws-cdk-lib') + require('cdktf')", requires: ['aws-cdk-lib', 'cdktf'] },
  { name: "require('aws-cdk-lib') alone", requires: ['aws-cdk-lib'] },
  { name: "require('cdktf') alone", requires: ['cdktf'] },
];

export interface LoadSample {
  /** Time inside the process from before the first require to after the last. */
  readonly requireMs: number;
  /** Process wall time (spawn to exit), including Node's own startup. */
  readonly wallMs: number;
  /** RSS and heap growth across the requires, MB. */
  readonly rssMb: number;
  readonly heapMb: number;
  readonly maxRssMb: number;
  readonly modules: number;
  readonly providerModules: number;
}

/**
 * A folder whose node_modules resolves `cirrus-constructs` to the runnable
 * copy of the package and the engines to its node_modules, like an
 * app that depends on the published package.
 */
export function prepareConsumer(dir: string, pkgRoot: string): string {
  const nm = path.join(dir, 'node_modules');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(nm, '@cdktf'), { recursive: true });
  fs.symlinkSync(pkgRoot, path.join(nm, 'cirrus-constructs'), 'dir');
  for (const dep of ['aws-cdk-lib', 'cdktf', 'constructs', '@cdktf/provider-azurerm', '@cdktf/provider-google']) {
    fs.symlinkSync(path.join(pkgRoot, 'node_modules', dep), path.join(nm, dep), 'dir');
  }
  return dir;
}

const LOAD_SCRIPT = (requires: string[]) => `
const { performance } = require('perf_hooks');
const m0 = process.memoryUsage(); const t0 = performance.now();
${requires.map((r) => `require(${JSON.stringify(r)});`).join('\n')}
const t1 = performance.now(); const m1 = process.memoryUsage();
const mods = Object.keys(require.cache);
process.stdout.write(JSON.stringify({ requireMs: t1 - t0, rssMb: (m1.rss - m0.rss) / 1048576, heapMb: (m1.heapUsed - m0.heapUsed) / 1048576,
  maxRssMb: process.resourceUsage().maxRSS / 1024, modules: mods.length, providerModules: mods.filter((k) => k.includes('@cdktf/provider-')).length }));
`;

function runNode(cwd: string, script: string): { out: string; wallMs: number } {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const t0 = process.hrtime.bigint();
  // Through a forking shell: see FORKING_SHELL in run.ts (peak RSS would otherwise include this driver's).
  const r = spawnSync('/bin/sh', ['-c', '"$0" "$@"; exit $?', process.execPath, '-e', script], { cwd, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) {
    throw new Error(`load child failed: ${r.stderr}`);
  }
  return { out: r.stdout, wallMs };
}

/** Runs every variant `runs` times, alternating, and returns the samples per variant. */
export function measureLoad(consumerDir: string, runs: number): Map<string, LoadSample[]> {
  const samples = new Map<string, LoadSample[]>(LOAD_VARIANTS.map((v) => [v.name, []]));
  runNode(consumerDir, LOAD_SCRIPT(['aws-cdk-lib', 'cdktf', 'cirrus-constructs'])); // warm the file cache
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? LOAD_VARIANTS : [...LOAD_VARIANTS].reverse();
    for (const v of order) {
      const { out, wallMs } = runNode(consumerDir, LOAD_SCRIPT(v.requires));
      samples.get(v.name)!.push({ ...JSON.parse(out), wallMs });
    }
  }
  return samples;
}

export interface ModuleCheck {
  readonly app: string;
  readonly ok: boolean;
  readonly detail: string;
}

const APP_SCRIPTS: Record<'aws' | 'azure' | 'gcp', string> = {
  aws: `const cdk = require('aws-cdk-lib');
const app = new cdk.App({ outdir: OUT }); new c.EventDrivenFunction(new cdk.Stack(app, 's'), 'Fn', PROPS); app.synth();`,
  azure: `const tf = require('cdktf');
const app = new tf.App({ outdir: OUT }); new c.EventDrivenFunction(new c.AzureStack(app, 'a', { location: 'westeurope' }), 'Fn', PROPS); app.synth();`,
  gcp: `const tf = require('cdktf');
const app = new tf.App({ outdir: OUT }); new c.EventDrivenFunction(new c.GcpStack(app, 'g', { project: 'acme-bench', region: 'europe-west1' }), 'Fn', PROPS); app.synth();`,
};

const TRIGGERS: Record<'queue' | 'http' | 'both', string> = {
  queue: '[c.Trigger.queue()]',
  http: "[c.Trigger.http({ path: '/items', methods: [c.HttpMethod.POST] })]",
  both: "[c.Trigger.queue(), c.Trigger.http({ path: '/items', methods: [c.HttpMethod.POST] })]",
};

/** The apps checked: AWS with both triggers; Azure and GCP with each trigger alone, so unused modules show. */
const MODULE_APPS: { cloud: 'aws' | 'azure' | 'gcp'; triggers: keyof typeof TRIGGERS }[] = [
  { cloud: 'aws', triggers: 'both' },
  { cloud: 'azure', triggers: 'http' },
  { cloud: 'azure', triggers: 'queue' },
  { cloud: 'gcp', triggers: 'http' },
  { cloud: 'gcp', triggers: 'queue' },
];

/**
 * Synthesizes a one-function app per cloud and trigger in a fresh process and
 * checks the provider modules it loaded: none for AWS; for Azure and GCP only
 * that cloud's provider, by deep path, and only modules of resource types
 * that the app's output contains.
 */
export function checkProviderModules(consumerDir: string, outRoot: string): ModuleCheck[] {
  const checks: ModuleCheck[] = [];
  for (const { cloud, triggers } of MODULE_APPS) {
    const out = path.join(outRoot, `modules-${cloud}-${triggers}`);
    const script = `const c = require('cirrus-constructs'); const OUT = ${JSON.stringify(out)};
const PROPS = { runtime: c.FunctionRuntime.NODEJS_22, code: c.FunctionCode.fromInline('exports.handler = async () => {};'), handler: 'index.handler',
  triggers: ${TRIGGERS[triggers]} };
${APP_SCRIPTS[cloud]}
const mods = Object.keys(require.cache);
process.stdout.write(JSON.stringify({ providers: [...new Set(mods.filter((k) => k.includes('@cdktf/provider-')).map((k) => k.split('node_modules/').pop()))].sort(),
  cdktf: mods.some((k) => /node_modules\\/cdktf\\//.test(k)) }));`;
    const { out: stdout } = runNode(consumerDir, script);
    const { providers, cdktf } = JSON.parse(stdout) as { providers: string[]; cdktf: boolean };
    const label = `${cloud === 'aws' ? 'AWS-only' : cloud === 'azure' ? 'Azure' : 'GCP'} app, ${triggers === 'both' ? 'queue + HTTP' : triggers} trigger`;
    if (cloud === 'aws') {
      checks.push({
        app: label,
        ok: providers.length === 0,
        detail: `${providers.length} provider modules loaded${providers.length ? `: ${providers.join(', ')}` : ''}; cdktf core ${cdktf ? 'loaded (Cirrus\'s index imports it)' : 'not loaded'}`,
      });
      continue;
    }
    const pkg = cloud === 'azure' ? '@cdktf/provider-azurerm' : '@cdktf/provider-google';
    const prefix = cloud === 'azure' ? 'azurerm_' : 'google_';
    const config = JSON.parse(fs.readFileSync(path.join(out, 'stacks', cloud === 'azure' ? 'a' : 'g', 'cdk.tf.json'), 'utf8'));
    const used = new Set<string>([
      ...Object.keys(config.resource ?? {}),
      ...Object.keys(config.data ?? {}).map((t) => `data_${t}`),
    ]);
    const folders = [...new Set(providers.map((m) => m.slice(pkg.length + 1).split('/')[1]))].sort();
    const problems: string[] = [];
    for (const m of providers) {
      if (!m.startsWith(`${pkg}/lib/`)) problems.push(`not a deep ${pkg}/lib/ module: ${m}`);
      if (/\/lib\/index\.js$/.test(m)) problems.push(`loaded the provider's root index: ${m}`);
    }
    const unused: string[] = [];
    for (const folder of folders) {
      // lib/storage-account -> azurerm_storage_account; lib/data-google-project -> data google_project
      const type = folder.startsWith('data-') ? folder.replace(/-/g, '_') : `${prefix}${folder.replace(/-/g, '_')}`;
      if (folder !== 'provider' && !used.has(type)) unused.push(folder);
    }
    if (unused.length) problems.push(`loaded but not used by the output: ${unused.join(', ')}`);
    checks.push({
      app: label,
      ok: problems.length === 0 && folders.length > 0,
      detail: `${providers.length} modules of ${pkg}, all under lib/ (${folders.length} folders)${problems.length ? `; ${problems.join('; ')}` : ''}`,
    });
  }
  return checks;
}

export function loadSummary(samples: LoadSample[]): { requireMs: number; wallMs: number; rssMb: number; heapMb: number; maxRssMb: number; modules: number } {
  return {
    requireMs: median(samples.map((s) => s.requireMs)),
    wallMs: median(samples.map((s) => s.wallMs)),
    rssMb: median(samples.map((s) => s.rssMb)),
    heapMb: median(samples.map((s) => s.heapMb)),
    maxRssMb: median(samples.map((s) => s.maxRssMb)),
    modules: median(samples.map((s) => s.modules)),
  };
}
