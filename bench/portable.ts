// Portable handlers in figures: the size a PORTABLE package adds over the NATIVE one, per
// cloud and runtime, and the adapter's added cold-start import time (the modules a cold
// instance loads before the user's handler: median of fresh processes).
//
//   npx tsx bench/portable.ts            prints the Markdown section and writes it into bench/RESULTS.md
//   (npm run bench runs it too, after the synthesis benchmark)
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CloudProvider } from '../lib/core/cloud-provider';
import { portableRuntimeFiles } from '../lib/core/package/portable';
import { RuntimeFamily } from '../lib/core/runtime';
import { azureFunctionsLibrary } from '../lib/azure/package/functions-library';

const RUNS = Number(process.env.BENCH_PORTABLE_RUNS ?? 15);
const CLOUDS = [CloudProvider.AWS, CloudProvider.AZURE, CloudProvider.GCP];
const ADAPTER: Record<CloudProvider, { node: string; python: string }> = {
  [CloudProvider.AWS]: { node: './_cirrus/aws.js', python: 'cirrus_portable.aws' },
  [CloudProvider.AZURE]: { node: './_cirrus/azure.js', python: 'cirrus_portable.azure' },
  [CloudProvider.GCP]: { node: './_cirrus/gcp.js', python: 'cirrus_portable.gcp' },
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function write(dir: string, files: Array<{ path: string; content: Buffer }>): void {
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
    fs.writeFileSync(path.join(dir, f.path), f.content);
  }
}

/** Milliseconds to load `code` in a fresh process, minus an empty process's start (median of RUNS). */
function importMs(command: string, argsWith: string[], argsWithout: string[], cwd: string): number {
  const time = (args: string[]) => {
    const started = process.hrtime.bigint();
    execFileSync(command, args, { cwd, stdio: 'ignore' });
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    samples.push(time(argsWith) - time(argsWithout));
  }
  return Math.max(0, median(samples));
}

export function portableSection(): string {
  const rows: string[] = [];
  for (const cloud of CLOUDS) {
    for (const family of [RuntimeFamily.NODEJS, RuntimeFamily.PYTHON]) {
      const files = portableRuntimeFiles(cloud, family);
      const bytes = files.reduce((n, f) => n + f.content.length, 0);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-bench-portable-'));
      write(dir, files);
      let ms: number;
      if (family === RuntimeFamily.NODEJS) {
        ms = importMs(process.execPath, ['-e', `require(${JSON.stringify(ADAPTER[cloud].node)}); require('cirrus-runtime')`], ['-e', '0'], dir);
      } else {
        ms = importMs(process.env.PYTHON ?? 'python3', ['-c', `import ${ADAPTER[cloud].python}, cirrus_runtime`], ['-c', 'pass'], dir);
      }
      rows.push(`| ${cloud} | ${family === RuntimeFamily.NODEJS ? 'Node.js' : 'Python'} | ${(bytes / 1024).toFixed(1)} KB (${files.length} files) | ${ms.toFixed(1)} ms |`);
    }
  }
  const azureLibrary = azureFunctionsLibrary().reduce((n, f) => n + f.content.length, 0);
  return [
    '## Portable handlers',
    '',
    `What handlerApi PORTABLE adds to a function's package, and the time a cold instance spends loading the adapter and cirrus-runtime before the user's module (median of ${RUNS} fresh processes, minus an empty process's start; Node.js ${process.version}, this machine).`,
    '',
    '| cloud | runtime | added to the package | added import time |',
    '|---|---|---|---|',
    ...rows,
    '',
    `Azure Node.js packages carry Microsoft's \`@azure/functions\` in both modes (the v4 programming model needs it): ${(azureLibrary / 1024).toFixed(1)} KB.`,
    '',
  ].join('\n');
}

/** Replaces (or appends) the section in RESULTS.md. */
export function writePortableSection(file = path.join(__dirname, 'RESULTS.md')): string {
  const section = portableSection();
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const start = text.indexOf('## Portable handlers');
  const next = start >= 0 ? text.indexOf('\n## ', start + 1) : -1;
  const updated = start < 0 ? `${text.trimEnd()}\n\n${section}` : `${text.slice(0, start)}${section}${next >= 0 ? text.slice(next + 1) : ''}`;
  fs.writeFileSync(file, updated.endsWith('\n') ? updated : `${updated}\n`);
  return section;
}

if (require.main === module) {
  console.log(writePortableSection());
}
