// Prepares what the measured processes run: a temp copy of the package with
// every TypeScript source (index.ts, constructs/, lib/, bench/) transpiled to
// CommonJS, next to a symlink to the repository's node_modules.
//
// Why not run the children with tsx: tsx adds ~0.3 s and ~30 MB to every
// process and turns on source maps, which makes every stack trace that
// aws-cdk-lib and cdktf capture per construct several times more expensive.
// That cost is not Cirrus's and would dilute the ratio. Why not the jsii
// output next to the sources: it may be stale; transpiling takes about a
// second and always measures the current sources. transpileModule does not
// type-check, and the emitted code is what tsc emits for these files.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

export const REPO = path.resolve(__dirname, '..');

const COMPILER_OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  experimentalDecorators: true,
  resolveJsonModule: true,
  sourceMap: false,
  inlineSourceMap: false,
};

/** Folders of the package that hold sources (plus index.ts). */
const SOURCE_ROOTS = ['constructs', 'lib', 'bench'];

function copyTree(src: string, dst: string, onFile: (from: string, to: string) => void): void {
  for (const entry of fs.readdirSync(src, { withFileTypes: true })) {
    const from = path.join(src, entry.name);
    const to = path.join(dst, entry.name);
    if (entry.isDirectory()) {
      fs.mkdirSync(to, { recursive: true });
      copyTree(from, to, onFile);
    } else if (entry.isFile()) {
      onFile(from, to);
    }
  }
}

function emit(from: string, to: string): void {
  if (from.endsWith('.d.ts')) {
    return;
  }
  if (from.endsWith('.ts')) {
    const out = ts.transpileModule(fs.readFileSync(from, 'utf8'), { compilerOptions: COMPILER_OPTIONS, fileName: from });
    fs.writeFileSync(to.replace(/\.ts$/, '.js'), out.outputText);
    return;
  }
  // A compiled .js beside its .ts is jsii output (replaced by ours); any other file is an asset: copy it.
  if (from.endsWith('.js') && fs.existsSync(from.replace(/\.js$/, '.ts'))) {
    return;
  }
  if (path.basename(from) === 'RESULTS.md' || from.endsWith('.md')) {
    return;
  }
  fs.copyFileSync(from, to);
}

/**
 * node_modules for the copy: a tree of hard links to the repository's
 * (instant on the same file system, no extra space), so a concurrent
 * `npm ci` in the repository cannot pull the engines out from under a run
 * that takes minutes. Falls back to a symlink.
 */
function linkNodeModules(target: string): string {
  const source = path.join(REPO, 'node_modules');
  const r = spawnSync('cp', ['-al', source, target], { encoding: 'utf8' });
  if (r.status === 0) {
    return 'hard-linked copy';
  }
  fs.rmSync(target, { recursive: true, force: true });
  fs.symlinkSync(source, target, 'dir');
  return `symlink (cp -al failed: ${(r.stderr || r.error?.message || '').trim().split('\n')[0]})`;
}

/**
 * Builds the runnable copy under `dir` and returns its root: `<dir>/pkg`,
 * holding package.json, index.js, constructs/, lib/, bench/ and node_modules.
 * Paths used by the workload (examples/...) resolve to the repo.
 */
export function prepareRunnableCopy(dir: string): string {
  const root = path.join(dir, 'pkg');
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  fs.copyFileSync(path.join(REPO, 'package.json'), path.join(root, 'package.json'));
  emit(path.join(REPO, 'index.ts'), path.join(root, 'index.ts'));
  // The same post-build rewrite as `npm run build`: AzureStack / GcpStack (and cdktf) load on first access.
  const { lazyStackExports } = require(path.join(REPO, 'scripts', 'lazy-stack-exports.js')) as { lazyStackExports(js: string): string };
  const indexJs = path.join(root, 'index.js');
  fs.writeFileSync(indexJs, lazyStackExports(fs.readFileSync(indexJs, 'utf8')));
  for (const folder of SOURCE_ROOTS) {
    fs.mkdirSync(path.join(root, folder), { recursive: true });
    copyTree(path.join(REPO, folder), path.join(root, folder), emit);
  }
  const how = linkNodeModules(path.join(root, 'node_modules'));
  for (const dep of ['aws-cdk-lib', 'cdktf', 'constructs', '@cdktf/provider-azurerm', '@cdktf/provider-google']) {
    if (!fs.existsSync(path.join(root, 'node_modules', dep, 'package.json'))) {
      throw new Error(`${dep} is not installed in ${REPO}/node_modules (is \`npm ci\` running?)`);
    }
  }
  process.stderr.write(`node_modules: ${how}\n`);
  // The handler folder the workload packages, at the same relative place as in the repo.
  fs.mkdirSync(path.join(root, 'examples'), { recursive: true });
  fs.symlinkSync(path.join(REPO, 'examples', 'order-processing'), path.join(root, 'examples', 'order-processing'), 'dir');
  return root;
}
