// Summarizes a V8 .cpuprofile (node --cpu-prof): where the process spent its
// CPU, by function (self time), by package, and the inclusive time of Cirrus's
// own functions (frames in index/constructs/lib), so a miss can be traced to
// a line of Cirrus. Usable alone: npx tsx bench/profile.ts <file.cpuprofile>
import * as fs from 'fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** `pkg/lib/aws/x.js` in the runnable copy -> `lib/aws/x.ts`; node_modules paths shortened. */
function location(url: string): string {
  const pkg = url.match(/\/pkg\/((?:index|constructs\/|lib\/|bench\/)[^:]*)\.js$/);
  if (pkg) return `${pkg[1]}.ts`;
  const nm = url.match(/node_modules\/(.*)$/);
  if (nm) return nm[1];
  return url.replace(/^file:\/\//, '');
}

function packageOf(url: string): string {
  if (/\/pkg\/(index|constructs\/|lib\/)/.test(url)) return 'cirrus (index, constructs, lib)';
  if (/\/pkg\/bench\//.test(url)) return 'bench app';
  const nm = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (nm) return nm[1];
  if (url.startsWith('node:')) return 'node internals';
  return url || '(vm: gc, idle, program)';
}

const isCirrus = (url: string) => /\/pkg\/(index|constructs\/|lib\/)/.test(url);

export interface ProfileSummary {
  readonly totalMs: number;
  readonly topSelf: [string, number][];
  readonly byPackage: [string, number][];
  /** Inclusive time of the outermost Cirrus frames (what Cirrus code and everything it calls cost). */
  readonly cirrusInclusiveMs: number;
  /** Self time in Cirrus's own code. */
  readonly cirrusSelfMs: number;
  /** Inclusive time per Cirrus function (outermost occurrence on each stack). */
  readonly cirrusFunctions: [string, number][];
}

export function summarizeProfile(file: string, top = 20): ProfileSummary {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const n of p.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const selfOfNode = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) {
    selfOfNode.set(p.samples[i], (selfOfNode.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  }
  const self = new Map<string, number>();
  const pkgs = new Map<string, number>();
  const cirrusFns = new Map<string, number>();
  let total = 0;
  let cirrusInclusive = 0;
  let cirrusSelf = 0;
  for (const [id, ms] of selfOfNode) {
    const node = byId.get(id)!;
    const cf = node.callFrame;
    total += ms;
    const key = `${cf.functionName || '(anonymous)'} ${location(cf.url)}${cf.url ? `:${cf.lineNumber + 1}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + ms);
    pkgs.set(packageOf(cf.url), (pkgs.get(packageOf(cf.url)) ?? 0) + ms);
    if (isCirrus(cf.url)) cirrusSelf += ms;
    // Walk up: every distinct Cirrus function on this stack gets the sample once.
    const seen = new Set<string>();
    let inCirrus = false;
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)!.callFrame;
      if (isCirrus(f.url)) {
        inCirrus = true;
        const k = `${f.functionName || '(anonymous)'} ${location(f.url)}:${f.lineNumber + 1}`;
        if (!seen.has(k)) {
          seen.add(k);
          cirrusFns.set(k, (cirrusFns.get(k) ?? 0) + ms);
        }
      }
    }
    if (inCirrus) cirrusInclusive += ms;
  }
  const sorted = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k);
  return {
    totalMs: total,
    topSelf: sorted(self, top),
    byPackage: sorted(pkgs, 12),
    cirrusInclusiveMs: cirrusInclusive,
    cirrusSelfMs: cirrusSelf,
    cirrusFunctions: sorted(cirrusFns, top),
  };
}

export function formatProfile(s: ProfileSummary): string {
  const row = ([name, ms]: [string, number]) => `${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / s.totalMs).toFixed(1).padStart(5)} %  ${name}`;
  return [
    `sampled CPU ${s.totalMs.toFixed(0)} ms; Cirrus code inclusive ${s.cirrusInclusiveMs.toFixed(0)} ms (${((100 * s.cirrusInclusiveMs) / s.totalMs).toFixed(1)} %), self ${s.cirrusSelfMs.toFixed(0)} ms`,
    'by package (self time):',
    ...s.byPackage.map(row),
    'top functions (self time):',
    ...s.topSelf.map(row),
    'Cirrus functions (inclusive time):',
    ...s.cirrusFunctions.map(row),
  ].join('\n');
}

if (require.main === module) {
  const args = process.argv.slice(2);
  if (args[0] === '--diff') {
    console.log(`self time, ${args[1]} minus ${args[2]}:`);
    for (const [k, ms] of diffProfiles(args[1], args[2], 40)) console.log(`${ms.toFixed(0).padStart(8)} ms  ${k}`);
  } else {
    for (const file of args) {
      console.log(`${file}\n${formatProfile(summarizeProfile(file))}\n`);
    }
  }
}

/** Self time per function in `a` minus `b`: where the extra CPU of one run over the other goes. */
export function diffProfiles(a: string, b: string, top = 20): [string, number][] {
  const selfTimes = (file: string) => {
    const s = summarizeProfile(file, 100000).topSelf;
    return new Map(s.map(([k, ms]) => [k.replace(/:\d+$/, ''), ms]));
  };
  const x = selfTimes(a);
  const y = selfTimes(b);
  const keys = new Set([...x.keys(), ...y.keys()]);
  return [...keys].map((k): [string, number] => [k, (x.get(k) ?? 0) - (y.get(k) ?? 0)])
    .sort((p, q) => Math.abs(q[1]) - Math.abs(p[1])).slice(0, top);
}
