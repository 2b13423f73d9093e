import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ZipEntry } from '../../lib/core/package/zip-writer';

/** One function as the Azure Functions host learns it from a v4 Node.js app: its name, bindings and handler. */
export interface RegisteredFunction {
  readonly name: string;
  /** The bindings, by binding name, as the host reads them (type, direction, and the trigger's settings). */
  readonly bindings: Record<string, any>;
  readonly retryOptions?: any;
  /** What the host calls on each invocation. */
  readonly handler: (...args: any[]) => unknown;
}

/**
 * Loads a Node.js function app package the way the Azure Functions Node.js
 * worker does: unpacks it, requires package.json's `main`, and records what
 * the app registers through `@azure/functions-core` (the module the worker
 * provides to Microsoft's `@azure/functions` library; here a fake with the
 * same four calls). The real `@azure/functions` library inside the package
 * turns each `app.<trigger>()` call into the bindings the host acts on.
 */
export function loadAzureNodeApp(files: ZipEntry[]): Map<string, RegisteredFunction> {
  const dir = unpackAzureNodeApp(files);
  const registered = new Map<string, RegisteredFunction>();
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  require(path.join(dir, manifest.main));
  for (const fn of require(path.join(dir, CORE, 'index.js')).registered) {
    registered.set(fn.name, fn);
  }
  return registered;
}

const CORE = path.join('node_modules', '@azure', 'functions-core');

/**
 * Invokes one registered function of the package in a fresh Node.js process (as the worker
 * runs it; Jest's module sandbox has no dynamic import()), with JSON arguments; resolves to
 * its JSON result.
 */
export function invokeAzureNodeApp(files: ZipEntry[], functionName: string, args: unknown[]): unknown {
  const dir = unpackAzureNodeApp(files);
  const script = [
    "const path = require('path');",
    "const manifest = require(path.join(process.cwd(), 'package.json'));",
    'require(path.join(process.cwd(), manifest.main));',
    `const fn = require(path.join(process.cwd(), ${JSON.stringify(CORE)}, 'index.js')).registered.find((f) => f.name === ${JSON.stringify(functionName)});`,
    `Promise.resolve(fn.handler(...${JSON.stringify(args)})).then((r) => process.stdout.write(JSON.stringify(r === undefined ? null : r)), (e) => { process.stdout.write(JSON.stringify({ thrown: String(e && e.message) })); });`,
  ].join('\n');
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8' }));
}

/** Writes the package's files to a fresh folder, with a fake `@azure/functions-core` that records registrations. */
function unpackAzureNodeApp(files: ZipEntry[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-azure-app-'));
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
    fs.writeFileSync(path.join(dir, f.path), f.content);
  }
  const core = path.join(dir, CORE);
  fs.mkdirSync(core, { recursive: true });
  fs.writeFileSync(path.join(core, 'package.json'), JSON.stringify({ name: '@azure/functions-core', main: 'index.js' }));
  fs.writeFileSync(path.join(core, 'index.js'), [
    'exports.registered = [];',
    'exports.registerFunction = (metadata, callback) => { exports.registered.push({ ...metadata, handler: callback }); return { dispose() {} }; };',
    'exports.setProgrammingModel = () => {};',
    'exports.registerHook = () => ({ dispose() {} });',
    'exports.log = () => {};',
  ].join('\n'));
  return dir;
}

/** The trigger binding of a registered function (the one with direction "in" whose type ends in "Trigger"). */
export function triggerBinding(fn: RegisteredFunction): any {
  const found = Object.values(fn.bindings).find((b: any) => b.direction === 'in' && /Trigger$/.test(b.type));
  if (!found) {
    throw new Error(`${fn.name} has no trigger binding`);
  }
  const { properties: _properties, name: _name, ...rest } = found;
  return rest;
}
