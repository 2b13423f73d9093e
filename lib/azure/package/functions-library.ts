import * as fs from 'fs';
import * as path from 'path';
import type { ZipEntry } from '../../core/package/zip-writer';

/**
 * Microsoft's Node.js programming model library, `@azure/functions`, which a
 * v4 app must carry in its package ("You now need to include this package
 * for both TypeScript and JavaScript apps", learn.microsoft.com/azure/azure-functions/functions-node-upgrade-v4).
 * Cirrus bundles the version it is tested with (a bundled dependency of
 * cirrus-constructs) and copies its runtime files, and those of its two
 * dependencies, into every Node.js package: no npm install at deployment,
 * the same bytes on every synth. The Functions host provides the rest
 * (`@azure/functions-core`).
 */
const PACKAGES = ['@azure/functions', '@azure/functions-extensions-base', 'cookie'];

let cached: ZipEntry[] | undefined;

/**
 * Where a bundled package lives: its main module resolved from @azure/functions, as Node.js
 * resolves its dependencies (a package's `exports` may hide its package.json), then up to its root.
 */
function packageRoot(name: string): string {
  const from = name === PACKAGES[0] ? [__dirname] : [packageRoot(PACKAGES[0])];
  let dir = path.dirname(require.resolve(name, { paths: from }));
  while (!isRootOf(dir, name)) {
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`cannot find the folder of the bundled package ${name}`);
    }
    dir = parent;
  }
  return dir;
}

function isRootOf(dir: string, name: string): boolean {
  const file = path.join(dir, 'package.json');
  return fs.existsSync(file) && (JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string }).name === name;
}

/** The files under node_modules/ that run `@azure/functions`: each package's package.json, licence and main module. */
export function azureFunctionsLibrary(): ZipEntry[] {
  if (!cached) {
    cached = PACKAGES.flatMap((name) => {
      const root = packageRoot(name);
      const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { main?: string };
      const files = ['package.json', 'LICENSE', path.posix.normalize(manifest.main ?? 'index.js')];
      return files.map((file) => ({ path: `node_modules/${name}/${file}`, content: fs.readFileSync(path.join(root, file)) }));
    });
  }
  return cached;
}

/** The version of `@azure/functions` Cirrus bundles. */
export function azureFunctionsVersion(): string {
  const manifest = JSON.parse(azureFunctionsLibrary()[0].content.toString('utf8')) as { version: string };
  return manifest.version;
}
