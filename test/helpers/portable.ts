import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const PORTABLE_FIXTURE = path.join(__dirname, '..', 'fixtures', 'portable-handler');

/** A documented native payload (test/fixtures/payloads). */
export function payload(name: string): any {
  return JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'payloads', `${name}.json`), 'utf8'));
}

/** Calls `<file>.<export>` of a Node.js package folder in a fresh process (as Lambda does) with `args`; its JSON result. */
export function invokeNode(dir: string, file: string, exportName: string, args: unknown[], env: Record<string, string> = {}): any {
  const script = `Promise.resolve(require(${JSON.stringify(path.join(dir, file))})[${JSON.stringify(exportName)}](...${JSON.stringify(args)}))`
    + '.then((r) => process.stdout.write(JSON.stringify({ result: r === undefined ? null : r })), (e) => process.stdout.write(JSON.stringify({ error: String(e && e.message) })))';
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env } }));
}

/** Calls `<module>.<function>` of a Python package folder in a fresh process with one JSON argument; its JSON result. */
export function invokePython(dir: string, module: string, fn: string, arg: unknown): any {
  const script = [
    'import json, sys',
    `sys.path.insert(0, ${JSON.stringify(dir)})`,
    `import ${module} as m`,
    'try:',
    `    r = m.${fn}(json.loads(sys.stdin.read()), None)`,
    '    print(json.dumps({"result": r}))',
    'except Exception as e:',
    '    print(json.dumps({"error": str(e)}))',
  ].join('\n');
  return JSON.parse(execFileSync(process.env.PYTHON ?? 'python3', ['-c', script], { cwd: dir, encoding: 'utf8', input: JSON.stringify(arg) }));
}
