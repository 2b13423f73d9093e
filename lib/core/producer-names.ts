import * as fs from 'fs';
import * as path from 'path';

/** A producer call in handler code: `queue('Orders')` names the EventQueue with id `Orders`. */
export interface ProducerCall {
  readonly kind: 'queue' | 'topic' | 'bus' | 'bucket';
  readonly name: string;
  /** `file:line`, relative to the code folder. */
  readonly where: string;
}

/** The shared construct each producer names. */
export const PRODUCER_KINDS: Record<ProducerCall['kind'], string> = { queue: 'EventQueue', topic: 'EventTopic', bus: 'EventBus', bucket: 'EventBucket' };

const CALL = /\b(queue|topic|bus|bucket)\(\s*(['"])([^'"\n]+)\2\s*\)/g;
const USES_RUNTIME = /cirrus-runtime|cirrus_runtime/;
const SOURCE = /\.(c|m)?js$|\.py$/;
const SKIPPED = new Set(['node_modules', '.git', '__pycache__', '_cirrus', 'cirrus_portable', 'cirrus_runtime']);

/**
 * The producer calls with a literal name in the handler code of a folder: in
 * the .js and .py files that use cirrus-runtime (a name built at run time
 * cannot be checked here, and is checked by cirrus-runtime when it runs).
 */
export function producerCalls(folder: string): ProducerCall[] {
  const calls: ProducerCall[] = [];
  const walk = (dir: string, rel: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (SKIPPED.has(entry.name)) {
        continue;
      }
      const full = path.join(dir, entry.name);
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        walk(full, relPath);
      } else if (entry.isFile() && SOURCE.test(entry.name)) {
        const text = fs.readFileSync(full, 'utf8');
        if (!USES_RUNTIME.test(text)) {
          continue;
        }
        text.split('\n').forEach((line, i) => {
          for (const m of line.matchAll(CALL)) {
            calls.push({ kind: m[1] as ProducerCall['kind'], name: m[3], where: `${relPath}:${i + 1}` });
          }
        });
      }
    }
  };
  if (fs.existsSync(folder) && fs.statSync(folder).isDirectory()) {
    walk(folder, '');
  }
  return calls;
}

/**
 * Problems of producer calls against the shared constructs of the function's
 * stack (their kinds and ids): a name that is no shared construct of that kind.
 */
export function producerProblems(calls: ProducerCall[], shared: Array<{ kind: string; id: string }>): string[] {
  return calls.flatMap((c) => {
    const kind = PRODUCER_KINDS[c.kind];
    if (shared.some((s) => s.kind === kind && s.id === c.name)) {
      return [];
    }
    const same = shared.filter((s) => s.kind === kind).map((s) => s.id);
    return [`handler code calls ${c.kind}('${c.name}') (${c.where}), but the stack has no ${kind} with id '${c.name}'`
      + (same.length > 0 ? `; its ${kind}s: ${[...new Set(same)].sort().join(', ')}` : `; declare one (new ${kind}(scope, '${c.name}')) and grant the function access`)];
  });
}
