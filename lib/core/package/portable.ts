import * as fs from 'fs';
import * as path from 'path';
import type { CloudProvider } from '../cloud-provider';
import { CirrusValidationError } from '../errors';
import { RuntimeFamily } from '../runtime';
import type { ZipEntry } from './zip-writer';

/** Where the portable handler runtime lives in the Cirrus package (lib/portable/assets). */
const ASSETS = path.join(__dirname, '..', '..', 'portable', 'assets');

/** Folder of the Node.js adapter inside a function package. */
export const NODE_ADAPTER_DIR = '_cirrus';

const cache = new Map<string, ZipEntry[]>();

function read(from: string, to: string): ZipEntry {
  return { path: to, content: fs.readFileSync(path.join(ASSETS, from)) };
}

/**
 * The files Cirrus adds to a PORTABLE function's package on one cloud: the
 * shared event helpers and that cloud's adapter, and the producers module
 * (`require('cirrus-runtime')` / `import cirrus_runtime`). Node.js: under
 * `_cirrus/` and `node_modules/cirrus-runtime/`; Python: the packages
 * `cirrus_portable` and `cirrus_runtime` at the root. No third-party code.
 */
export function portableRuntimeFiles(cloud: CloudProvider | 'local', family: RuntimeFamily): ZipEntry[] {
  const key = `${cloud}/${family}`;
  let files = cache.get(key);
  if (!files) {
    files = family === RuntimeFamily.NODEJS
      ? [
        // The adapter folder is CommonJS whatever the user's package.json says ("type": "module").
        { path: `${NODE_ADAPTER_DIR}/package.json`, content: Buffer.from(`${JSON.stringify({ type: 'commonjs' })}\n`) },
        read('node/event.js', `${NODE_ADAPTER_DIR}/event.js`),
        read(`node/${cloud}.js`, `${NODE_ADAPTER_DIR}/${cloud}.js`),
        read('node/cirrus-runtime/index.js', 'node_modules/cirrus-runtime/index.js'),
        { path: 'node_modules/cirrus-runtime/package.json', content: Buffer.from(`${JSON.stringify({ name: 'cirrus-runtime', private: true, main: 'index.js' }, undefined, 2)}\n`) },
      ]
      : [
        read('python/cirrus_portable/__init__.py', 'cirrus_portable/__init__.py'),
        read('python/cirrus_portable/event.py', 'cirrus_portable/event.py'),
        read(`python/cirrus_portable/${cloud}.py`, `cirrus_portable/${cloud}.py`),
        read('python/cirrus_runtime/__init__.py', 'cirrus_runtime/__init__.py'),
      ];
    cache.set(key, files);
  }
  return files;
}

/** The user's module as a Python import path (`src/app` -> `src.app`). */
export function pythonModule(handlerFile: string): string {
  return handlerFile.replace(/\//g, '.');
}

/**
 * The user's files plus the portable runtime, refusing a user file at a path
 * Cirrus writes (the adapter folder, the runtime module, the entry module).
 */
export function withPortableFiles(constructPath: string, code: ZipEntry[], added: ZipEntry[]): ZipEntry[] {
  const taken = new Set(code.map((f) => f.path));
  const clashes = added.filter((f) => taken.has(f.path)).map((f) => f.path);
  if (clashes.length > 0) {
    // lib/core (checkHandlerApi) refuses such code at construction; this is a safeguard.
    throw new CirrusValidationError(constructPath, [`code already contains ${clashes.join(', ')}, which Cirrus adds for handlerApi PORTABLE: rename or remove them`]);
  }
  return [...code, ...added];
}
