// The synthesis half of `npm run test:floor` (scripts/floor-test.sh): synthesizes
// every bundled example and the all-constructs app (test/security) found under
// <root> into <outdir>/<app>/cdk.out and cdktf.out, and writes what each stack
// reported (warnings, CloudFormation validation findings, error annotations) to
// <outdir>/annotations.json. Exits with 1 on any synthesis error, validation
// finding or error annotation.
//
//   tsx scripts/floor-synth.ts <root> <outdir>                       the repository, dev versions
//   node <copy>/scripts/floor-synth.js <copy> <outdir> \
//     --isolated <dir> --expect aws-cdk-lib@2.275.0 ...              a compiled copy, floor versions
//
// --expect NAME@VERSION fails unless NAME, as <root> resolves it, is that
// version; --isolated DIR fails if any module the synthesis loaded lies outside
// DIR (so nothing came from the repository's own node_modules).
import * as fs from 'fs';
import * as path from 'path';
import { summarizeOutputs } from './summary';

/** What each examples/<name>/app.ts and the all-constructs app export. */
type BuildApps = (cdkOutdir: string, tfOutdir: string) => { awsApp: { synth(): unknown }; terraformApp: { synth(): unknown } };

function option(args: string[], name: string): string[] {
  return args.flatMap((a, i) => (a === name && i + 1 < args.length ? [args[i + 1]] : []));
}

const args = process.argv.slice(2);
const [rootArg, outArg] = args;
if (!rootArg || !outArg) {
  console.error('usage: floor-synth <root> <outdir> [--isolated <dir>] [--expect name@version ...]');
  process.exit(2);
}
const root = path.resolve(rootArg);
const outdir = path.resolve(outArg);
const isolated = option(args, '--isolated').map((d) => path.resolve(d));
const expected = option(args, '--expect');
fs.rmSync(outdir, { recursive: true, force: true });

const problems: string[] = [];

// Which copy of each peer this synthesis uses, and from where.
const versions: Record<string, string> = {};
for (const name of ['aws-cdk-lib', 'constructs', 'cdktf', '@cdktf/provider-azurerm', '@cdktf/provider-google', '@cdktf/provider-google-beta']) {
  const manifest = require.resolve(`${name}/package.json`, { paths: [root] });
  versions[name] = JSON.parse(fs.readFileSync(manifest, 'utf8')).version;
}
for (const spec of expected) {
  const at = spec.lastIndexOf('@');
  const [name, version] = [spec.slice(0, at), spec.slice(at + 1)];
  if (versions[name] !== version) {
    problems.push(`${name}: expected ${version}, resolved ${versions[name] ?? 'nothing'}`);
  }
}

const { EXAMPLES } = require(path.join(root, 'examples', 'registry')) as { EXAMPLES: { name: string; build: BuildApps }[] };
const { buildAllConstructsApps } = require(path.join(root, 'test', 'security', 'all-constructs-app')) as { buildAllConstructsApps: BuildApps };
const apps = [...EXAMPLES, { name: 'all-constructs', build: buildAllConstructsApps }];

const annotations: Record<string, Record<string, { warnings: string[]; errors: string[] }>> = {};
const started = process.hrtime.bigint();
for (const app of apps) {
  const cdkOut = path.join(outdir, app.name, 'cdk.out');
  const tfOut = path.join(outdir, app.name, 'cdktf.out');
  try {
    const { awsApp, terraformApp } = app.build(cdkOut, tfOut);
    awsApp.synth();
    terraformApp.synth();
    const stacks = summarizeOutputs(cdkOut, tfOut);
    annotations[app.name] = Object.fromEntries(stacks.map((s) => [s.stack, { warnings: s.warnings, errors: s.errors }]));
    const resources = stacks.reduce((n, s) => n + s.resources, 0);
    const warnings = stacks.reduce((n, s) => n + s.warnings.length, 0);
    console.log(`  ${app.name.padEnd(21)} ${String(stacks.length).padStart(2)} stacks ${String(resources).padStart(4)} resources ${String(warnings).padStart(3)} warnings`);
    problems.push(...new Set(stacks.flatMap((s) => s.errors.map((e) => `${app.name}: ${e}`))));
  } catch (e) {
    problems.push(`${app.name}: ${e instanceof Error ? e.message : e}`);
  }
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
fs.mkdirSync(outdir, { recursive: true });
fs.writeFileSync(path.join(outdir, 'annotations.json'), JSON.stringify({ versions, annotations }, null, 2));

if (isolated.length > 0) {
  const outside = Object.keys(require.cache).filter((f) => !isolated.some((d) => f.startsWith(d + path.sep)));
  for (const file of outside.slice(0, 10)) {
    problems.push(`loaded from outside ${isolated.join(', ')}: ${file}`);
  }
}

console.log(`  ${Object.entries(versions).map(([n, v]) => `${n} ${v}`).join(', ')}; synthesis ${seconds.toFixed(1)} s`);
for (const p of problems) {
  console.error(`  error  ${p}`);
}
process.exit(problems.length > 0 ? 1 : 0);
