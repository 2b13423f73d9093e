import * as fs from 'fs';
import * as path from 'path';
import { CloudProvider } from './cloud-provider';
import { ProblemCollector } from './errors';
import { FunctionCode, FunctionCodeKind } from './function-code';
import { HandlerApi } from './handler-api';
import { isPythonImportable } from './package/code-layout';
import { FunctionRuntime, RuntimeFamily } from './runtime';

/** What Cirrus adds to a PORTABLE package, per language (lib/core/package/portable.ts). */
const PORTABLE_PATHS: Record<RuntimeFamily, string[]> = {
  [RuntimeFamily.NODEJS]: ['_cirrus', 'node_modules/cirrus-runtime'],
  [RuntimeFamily.PYTHON]: ['cirrus_portable', 'cirrus_runtime', 'cirrus_entry.py'],
};

/** HTTP paths under this prefix belong to Cirrus (GCP push and scheduler deliveries, the local run). */
export const RESERVED_PATH_PREFIX = '/_cirrus';

/**
 * Checks `handlerApi` and what a PORTABLE handler needs: a code folder (Cirrus
 * adds its adapter and the cirrus-runtime module beside the user's module, which
 * a single inline file cannot carry) and, for Python, a module path and function
 * name that `import` can name. Returns the API, NATIVE by default.
 */
export function checkHandlerApi(
  problems: ProblemCollector, cloud: CloudProvider, value: HandlerApi | undefined, runtime: FunctionRuntime, code: FunctionCode, handlerFile: string, handlerExport: string,
): HandlerApi {
  const api = value ?? HandlerApi.NATIVE;
  if (!Object.values(HandlerApi).includes(api)) {
    problems.invalid('handlerApi', 'must be HandlerApi.NATIVE or HandlerApi.PORTABLE', value);
    return HandlerApi.NATIVE;
  }
  if (api !== HandlerApi.PORTABLE || !(runtime instanceof FunctionRuntime) || !(code instanceof FunctionCode)) {
    return api;
  }
  if (code.kind === FunctionCodeKind.INLINE) {
    problems.add('handlerApi PORTABLE needs FunctionCode.fromAsset(folder): Cirrus adds its adapter and the cirrus-runtime module beside your module, and inline code is a single file');
  }
  if (runtime.family === RuntimeFamily.PYTHON && handlerFile && !isPythonImportable(handlerFile, handlerExport)) {
    problems.invalid('handler', 'must name a Python module and function that import can load (folders, file and function of letters, digits and underscores)', `${handlerFile}.${handlerExport}`);
  }
  if (runtime.family === RuntimeFamily.PYTHON && ['cirrus_portable', 'cirrus_runtime', 'cirrus_entry'].includes(handlerFile.split('/')[0])) {
    problems.invalid('handler', 'cannot live in cirrus_portable, cirrus_runtime or cirrus_entry, which Cirrus adds to the package', `${handlerFile}.${handlerExport}`);
  }
  if (runtime.family === RuntimeFamily.NODEJS && handlerFile.split('/')[0] === '_cirrus') {
    problems.invalid('handler', 'cannot live in _cirrus/, which Cirrus adds to the package', `${handlerFile}.${handlerExport}`);
  }
  const folder = code.kind === FunctionCodeKind.ASSET ? code.assetPath : undefined;
  const taken = folder && fs.existsSync(folder) ? PORTABLE_PATHS[runtime.family].filter((p) => fs.existsSync(path.join(folder, p))) : [];
  // GCP's Python buildpack always loads main.py, which is Cirrus's portable entry module there.
  if (cloud === CloudProvider.GCP && runtime.family === RuntimeFamily.PYTHON && (handlerFile === 'main' || (folder && fs.existsSync(path.join(folder, 'main.py'))))) {
    problems.add('code has main.py, which Cloud Functions loads and which is Cirrus\'s portable entry module on GCP: rename your module (e.g. handler "app.handler") for handlerApi PORTABLE');
  }
  if (taken.length > 0) {
    problems.add(`code already contains ${taken.join(', ')}, which Cirrus adds for handlerApi PORTABLE: rename or remove ${taken.length > 1 ? 'them' : 'it'}`);
  }
  return api;
}

/** An HTTP route may not use the paths Cirrus reserves. */
export function checkReservedPath(problems: ProblemCollector, prop: string, routePath: string): void {
  if (routePath === RESERVED_PATH_PREFIX || routePath.startsWith(`${RESERVED_PATH_PREFIX}/`)) {
    problems.invalid(prop, `cannot start with ${RESERVED_PATH_PREFIX}, which Cirrus reserves for its own deliveries (GCP push subscriptions and schedules, the local run)`, routePath);
  }
}


/** Variables the portable adapter and cirrus-runtime read, which Cirrus sets. */
export const PORTABLE_ENVIRONMENT = ['CIRRUS_CLOUD', 'CIRRUS_INVOKER_EMAIL', 'CIRRUS_LOCAL_URL'];

/** A PORTABLE function's environment may not set the variables Cirrus sets for the adapter. */
export function checkPortableEnvironment(problems: ProblemCollector, api: HandlerApi, environment: { [key: string]: unknown }): void {
  if (api !== HandlerApi.PORTABLE) {
    return;
  }
  for (const name of PORTABLE_ENVIRONMENT.filter((n) => Object.prototype.hasOwnProperty.call(environment, n))) {
    problems.add(`environment key "${name}" is reserved: Cirrus sets it for the portable adapter (${PORTABLE_ENVIRONMENT.join(', ')})`);
  }
}
