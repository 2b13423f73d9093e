import * as fs from 'fs';
import * as path from 'path';
import { CloudProvider } from '../cloud-provider';
import { CirrusValidationError, describeValue } from '../errors';
import type { FunctionSpec } from '../function-spec';
import { HandlerApi } from '../handler-api';
import { RuntimeFamily } from '../runtime';
import type { ZipEntry } from './zip-writer';

/**
 * The rules a function's code folder must follow for the files each cloud's
 * packager generates or loads. lib/core checks them when the function (or a
 * trigger added later) is constructed, with the function's other problems;
 * the packagers in lib/azure and lib/gcp check them again on the files they
 * actually package, as a safeguard, with the same messages.
 */

/** Read access to a function's code by relative path: the folder at construction, the entries a packager holds. */
export interface CodeView {
  has(file: string): boolean;
  /** The file's text, or undefined when it is absent. */
  text(file: string): string | undefined;
}

/** A view of an asset folder (`folder` undefined: inline code, which is the handler module alone). */
export function folderView(folder: string | undefined, inlineModule: string): CodeView {
  if (folder === undefined) {
    return { has: (file) => file === inlineModule, text: () => undefined };
  }
  const full = (file: string) => path.join(folder, file);
  return {
    has: (file) => fs.existsSync(full(file)),
    text: (file) => (fs.existsSync(full(file)) ? fs.readFileSync(full(file), 'utf8') : undefined),
  };
}

/** A view of packaged entries. */
export function entriesView(files: ZipEntry[]): CodeView {
  const byPath = new Map(files.map((f) => [f.path, f]));
  return { has: (file) => byPath.has(file), text: (file) => byPath.get(file)?.content.toString('utf8') };
}

/** What the layout rules read of a function. */
export interface CodeLayoutInput {
  readonly cloud: CloudProvider;
  readonly family: RuntimeFamily;
  readonly handlerApi: HandlerApi;
  readonly handlerFile: string;
  readonly handlerExport: string;
  /** The ids of the function's triggers (Azure Python: one function folder each). */
  readonly triggerIds: string[];
}

/**
 * Files Cirrus generates into an Azure function app package. host.json and the
 * v4 Node.js entry module always; for Python (v1 model) one folder per trigger
 * with `function.json` and `__init__.py`
 * (learn.microsoft.com/azure/azure-functions/functions-reference-python?pivots=python-mode-configuration#folder-structure).
 * package.json is not listed: the user's is kept, with "main" set to the entry module.
 */
export const AZURE_GENERATED = {
  hostJson: 'host.json',
  nodeEntry: 'cirrus-functions.cjs',
  pythonTriggerFiles: (triggerId: string): string[] => [`${triggerId}/__init__.py`, `${triggerId}/function.json`],
};

/** The problem of generated files that the user's code already holds. */
export function generatedClashProblem(cloudName: string, clashes: string[]): string {
  return `code already contains ${clashes.join(', ')}, which Cirrus generates for ${cloudName} from the declared triggers: remove them from the code folder`;
}

const PY_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Whether `import` can name the module (folders and file) and the function. */
export function isPythonImportable(handlerFile: string, handlerExport: string): boolean {
  return handlerFile.split('/').every((s) => PY_IDENTIFIER.test(s)) && PY_IDENTIFIER.test(handlerExport);
}

/** `./src/app` → `src/app.js`: the file Node loads for a package.json "main". */
export function nodeMainFile(main: string): string {
  const file = path.posix.normalize(main).replace(/^\.\//, '');
  return path.posix.extname(file) ? file : `${file}.js`;
}

/** The parsed package.json, or the problem with it; undefined when there is none. */
function packageJson(view: CodeView, why: string): { manifest: Record<string, unknown> } | { problem: string } | undefined {
  const text = view.text('package.json');
  if (text === undefined) {
    return undefined;
  }
  try {
    return { manifest: JSON.parse(text) };
  } catch (e) {
    return { problem: `code has a package.json that is not valid JSON (${(e as Error).message}): ${why}` };
  }
}

function azureProblems(input: CodeLayoutInput, view: CodeView): string[] {
  const problems: string[] = [];
  const generated = [AZURE_GENERATED.hostJson, ...(input.family === RuntimeFamily.NODEJS
    ? [AZURE_GENERATED.nodeEntry]
    : input.triggerIds.flatMap(AZURE_GENERATED.pythonTriggerFiles))];
  const clashes = generated.filter((f) => view.has(f));
  if (clashes.length > 0) {
    problems.push(generatedClashProblem('Azure', clashes));
  }
  const pkg = input.family === RuntimeFamily.NODEJS ? packageJson(view, 'Azure reads its "main" field') : undefined;
  if (pkg && 'problem' in pkg) {
    problems.push(pkg.problem);
  }
  // Each trigger's __init__.py imports the handler (v1 model): `from <module> import <export>`.
  if (input.family === RuntimeFamily.PYTHON && !isPythonImportable(input.handlerFile, input.handlerExport)) {
    problems.push(`handler ${describeValue(`${input.handlerFile}.${input.handlerExport}`)} cannot be imported by the function folders Cirrus generates for Azure: `
      + 'use folder, file and function names made of letters, digits and underscores');
  }
  return problems;
}

/**
 * GCP's buildpacks load package.json "main" (else index.js) for Node.js and
 * always main.py for Python (cloud.google.com/functions/docs/writing#directory-structure).
 */
function gcpProblems(input: CodeLayoutInput, view: CodeView): string[] {
  const { family, handlerFile, handlerExport } = input;
  if (family === RuntimeFamily.NODEJS) {
    const pkg = packageJson(view, 'GCP reads its "main" field to find the entry module');
    if (!pkg) {
      return [];
    }
    if ('problem' in pkg) {
      return [pkg.problem];
    }
    const expected = `${handlerFile}.js`;
    const main = pkg.manifest.main;
    if (input.handlerApi === HandlerApi.NATIVE && main !== undefined && (typeof main !== 'string' || nodeMainFile(main) !== expected)) {
      return [`handler names the module ${describeValue(expected)}, but package.json "main" is ${describeValue(main)}; `
        + `GCP loads the module named by "main": set "main" to ${describeValue(expected)} or move the handler`];
    }
    return [];
  }
  // PORTABLE Python: lib/core/portable-spec.ts checks main.py and the import names.
  if (input.handlerApi !== HandlerApi.NATIVE || handlerFile === 'main') {
    return [];
  }
  if (view.has('main.py')) {
    return [`handler names the module ${describeValue(`${handlerFile}.py`)}, but the code also has main.py, which GCP always loads; `
      + 'use handler "main.<export>" or rename main.py'];
  }
  if (!isPythonImportable(handlerFile, handlerExport)) {
    return [`handler ${describeValue(`${handlerFile}.${handlerExport}`)} cannot be imported from main.py, which GCP loads: `
      + 'use folder, file and function names made of letters, digits and underscores'];
  }
  return [];
}

/** The problems of the code's layout on the function's cloud (none on AWS and locally). */
export function codeLayoutProblems(input: CodeLayoutInput, view: CodeView): string[] {
  if (!input.handlerFile) {
    return []; // the handler itself is invalid, which is reported already
  }
  switch (input.cloud) {
    case CloudProvider.AZURE:
      return azureProblems(input, view);
    case CloudProvider.GCP:
      return gcpProblems(input, view);
    default:
      return [];
  }
}

/**
 * The packagers' safeguard: the same rules on the files actually packaged
 * (construction checked them on the code folder), thrown as the function's error.
 */
export function checkPackagedLayout(spec: FunctionSpec, files: ZipEntry[], triggerIds: string[]): void {
  const problems = codeLayoutProblems({
    cloud: spec.cloud, family: spec.runtime.family, handlerApi: spec.handlerApi, handlerFile: spec.handlerFile,
    handlerExport: spec.handlerExport, triggerIds,
  }, entriesView(files));
  if (problems.length > 0) {
    throw new CirrusValidationError(spec.constructPath, problems);
  }
}
