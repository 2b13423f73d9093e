import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import * as readline from 'readline';
import { RuntimeFamily } from '../../core/runtime';
import type { LocalFunctionModel } from '../model';

/** Where the portable runtime lives in the Cirrus package (lib/portable/assets). */
const ASSETS = path.join(__dirname, '..', '..', 'portable', 'assets');

/** What a worker answers: the handler's result, or the error it threw (or that it timed out). */
export type WorkerAnswer = { readonly result: any } | { readonly error: string };

/** Where a worker's output goes: one line at a time, with the function's id. */
export type LineSink = (functionId: string, stream: 'stdout' | 'stderr', line: string) => void;

/**
 * The process that runs one function's handler in the local run: Node.js or
 * Python from the PATH, the function's code folder as its working folder, its
 * environment, and as limits its timeout (a run past it is killed, and fails)
 * and, for Node.js, its memory (the V8 heap limit). One invocation at a time,
 * in order; a crash or a timeout starts a fresh process for the next one.
 */
export class LocalWorker {
  private child?: ChildProcess;
  /** The answers awaited from the current process; each process has its own, so an old one that ends late fails only its own runs. */
  private pending = new Map<number, (answer: WorkerAnswer) => void>();
  private nextId = 1;
  private chain: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(private readonly fn: LocalFunctionModel, private readonly env: { [key: string]: string }, private readonly sink: LineSink) {}

  /** Runs one invocation after those before it; resolves to the handler's answer. */
  public invoke(event: unknown): Promise<WorkerAnswer> {
    const run = this.chain.then(() => this.send(event));
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Ends the process; a later invocation starts a new one (what a code change does). */
  public restart(): void {
    this.kill();
  }

  public stop(): void {
    this.stopped = true;
    this.kill();
  }

  private send(event: unknown): Promise<WorkerAnswer> {
    if (this.stopped) {
      return Promise.resolve({ error: 'the local run has stopped' });
    }
    const child = this.ensure();
    const pending = this.pending;
    const id = this.nextId++;
    return new Promise<WorkerAnswer>((resolve) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        this.kill();
        resolve({ error: `timed out after ${this.fn.spec.timeoutSeconds} s (the function's timeoutSeconds)` });
      }, this.fn.spec.timeoutSeconds * 1000);
      pending.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      child.stdin!.write(`${JSON.stringify({ id, event })}\n`);
    });
  }

  private ensure(): ChildProcess {
    if (this.child && this.child.exitCode === null && !this.child.killed) {
      return this.child;
    }
    const spec = this.fn.spec;
    const cwd = spec.code.assetPath!;
    const python = spec.runtime.family === RuntimeFamily.PYTHON;
    const command = python ? (process.env.CIRRUS_LOCAL_PYTHON ?? 'python3') : process.execPath;
    const args = python
      ? ['-u', '-m', 'cirrus_portable.local', spec.handlerFile.replace(/\//g, '.'), spec.handlerExport]
      : [`--max-old-space-size=${spec.memoryMb}`, path.join(ASSETS, 'node', 'local.js'), path.join(cwd, `${spec.handlerFile}.js`), spec.handlerExport];
    const env = {
      ...filteredParentEnv(),
      ...this.env,
      // The handler's own folder first, then Cirrus's adapter and cirrus-runtime.
      NODE_PATH: path.join(ASSETS, 'node'),
      PYTHONPATH: [cwd, path.join(ASSETS, 'python')].join(path.delimiter),
      PYTHONDONTWRITEBYTECODE: '1',
    };
    const child = spawn(command, args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe', 'pipe'] });
    const pending = new Map<number, (answer: WorkerAnswer) => void>();
    this.child = child;
    this.pending = pending;
    for (const stream of ['stdout', 'stderr'] as const) {
      readline.createInterface({ input: child[stream]! }).on('line', (line) => this.sink(this.fn.id, stream, line));
    }
    readline.createInterface({ input: child.stdio[3] as NodeJS.ReadableStream }).on('line', (line) => {
      let message: { id: number; result?: unknown; error?: string };
      try {
        message = JSON.parse(line);
      } catch {
        return;
      }
      const done = pending.get(message.id);
      pending.delete(message.id);
      done?.(message.error !== undefined ? { error: message.error } : { result: message.result });
    });
    child.on('exit', (code, signal) => {
      const waiting = [...pending.values()];
      pending.clear();
      for (const done of waiting) {
        done({ error: `the handler process ended (${signal ?? `exit code ${code}`})` });
      }
    });
    child.on('error', (e) => this.sink(this.fn.id, 'stderr', `cannot start ${command}: ${e.message}`));
    return child;
  }

  private kill(): void {
    if (this.child && this.child.exitCode === null) {
      this.child.kill('SIGKILL');
    }
    this.child = undefined;
  }
}

/** The parent's environment without what would make the handler believe it runs on a cloud. */
function filteredParentEnv(): { [key: string]: string } {
  const out: { [key: string]: string } = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(AWS_LAMBDA_|FUNCTIONS_WORKER_RUNTIME$|K_SERVICE$|NODE_OPTIONS$)/.test(k)) {
      out[k] = v;
    }
  }
  return out;
}
