// One measured synthesis, run in its own Node process by bench/run.ts:
//   node child.js <cirrus|baseline> <aws|azure|gcp> <queue|http> <N> <outdir> <result.json> [functions per AWS stack]
// Writes what only the process itself can see (phase times, CPU, peak RSS);
// the driver measures wall time around the process.
import * as fs from 'fs';
import { performance } from 'perf_hooks';
import type { BuildFn, Cloud, Impl, TriggerKindName } from './workload';

/** What a child reports. Times in ms; phases are measured from process start. */
export interface ChildResult {
  /** Process start to the end of the workload module's loading (engine modules load here and during build). */
  readonly loadMs: number;
  /** Constructing the construct tree. */
  readonly buildMs: number;
  /** app.synth(). */
  readonly synthMs: number;
  /** Time spent loading modules (outermost require calls) during build and synth: Cirrus loads its renderers and provider modules lazily. */
  readonly requireInBuildAndSynthMs: number;
  /** All module loading after process start (outermost require calls). */
  readonly requireMs: number;
  readonly cpuUserMs: number;
  readonly cpuSystemMs: number;
  /** Peak resident set size of the process, MB. */
  readonly maxRssMb: number;
}

/** Accumulates the time of outermost require() calls (nested ones are inside them). */
let requireMs = 0;
function timeRequires(): void {
  const Module = require('module') as { prototype: { require: (id: string) => unknown } };
  const original = Module.prototype.require;
  let depth = 0;
  Module.prototype.require = function timedRequire(this: unknown, id: string) {
    if (depth > 0) {
      return original.call(this, id);
    }
    depth++;
    const t = performance.now();
    try {
      return original.call(this, id);
    } finally {
      requireMs += performance.now() - t;
      depth--;
    }
  };
}

function main(): void {
  timeRequires();
  const [impl, cloud, kind, n, outdir, resultFile, perStack] = process.argv.slice(2) as [Impl, Cloud, TriggerKindName, string, string, string, string?];
  const modulePath = impl === 'cirrus' ? './cirrus-app' : `./baseline-${cloud}`;
  const { build } = require(modulePath) as { build: BuildFn };
  const t0 = performance.now();
  const requireBefore = requireMs;
  const app = build({ cloud, kind, n: Number(n), outdir, functionsPerStack: perStack ? Number(perStack) : undefined, nested: process.env.CIRRUS_BENCH_NESTED === '1' });
  const t1 = performance.now();
  app.synth();
  const t2 = performance.now();
  const usage = process.resourceUsage();
  const result: ChildResult = {
    loadMs: t0,
    buildMs: t1 - t0,
    synthMs: t2 - t1,
    requireInBuildAndSynthMs: requireMs - requireBefore,
    requireMs,
    cpuUserMs: usage.userCPUTime / 1000,
    cpuSystemMs: usage.systemCPUTime / 1000,
    maxRssMb: usage.maxRSS / 1024,
  };
  fs.writeFileSync(resultFile, JSON.stringify(result));
}

main();
