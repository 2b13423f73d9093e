import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { packageEntries } from '../../../../lib/azure/function-package';
import { CloudProvider } from '../../../../lib/core/cloud-provider';
import { CirrusValidationError } from '../../../../lib/core/errors';
import { FunctionCode } from '../../../../lib/core/function-code';
import { buildFunctionSpec, FunctionInput } from '../../../../lib/core/function-spec';
import { HandlerApi } from '../../../../lib/core/handler-api';
import { AZURE_GENERATED, CodeLayoutInput, codeLayoutProblems, entriesView, folderView } from '../../../../lib/core/package/code-layout';
import { FunctionRuntime, RuntimeFamily } from '../../../../lib/core/runtime';
import { Schedule } from '../../../../lib/core/schedule';
import { Trigger } from '../../../../lib/core/trigger';

function view(files: Record<string, string>) {
  return entriesView(Object.entries(files).map(([p, c]) => ({ path: p, content: Buffer.from(c) })));
}

function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-layout-'));
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

const NODE: CodeLayoutInput = {
  cloud: CloudProvider.AZURE, family: RuntimeFamily.NODEJS, handlerApi: HandlerApi.NATIVE, handlerFile: 'index', handlerExport: 'handler', triggerIds: ['Queue'],
};
const PYTHON: CodeLayoutInput = { ...NODE, family: RuntimeFamily.PYTHON, handlerFile: 'app', triggerIds: ['Queue', 'Http'] };

/** The problems buildFunctionSpec reports, or [] when the spec builds. */
function specProblems(cloud: CloudProvider, input: Partial<FunctionInput>): string[] {
  try {
    buildFunctionSpec(cloud, 'app/Fn', { runtime: FunctionRuntime.NODEJS_22, handler: 'index.handler', ...input } as FunctionInput);
    return [];
  } catch (e) {
    return (e as CirrusValidationError).problems;
  }
}

describe('code layout on Azure', () => {
  test('files Cirrus generates may not be in the code', () => {
    expect(codeLayoutProblems(NODE, view({ 'index.js': '', 'host.json': '{}', 'cirrus-functions.cjs': '' }))).toEqual([
      'code already contains host.json, cirrus-functions.cjs, which Cirrus generates for Azure from the declared triggers: remove them from the code folder',
    ]);
    expect(codeLayoutProblems(PYTHON, view({ 'app.py': '', 'Http/function.json': '{}' }))).toEqual([
      expect.stringContaining('code already contains Http/function.json'),
    ]);
    expect(codeLayoutProblems(PYTHON, view({ 'app.py': '', 'Other/function.json': '{}' }))).toEqual([]);
  });

  test('a package.json must be JSON, and a Python handler importable', () => {
    expect(codeLayoutProblems(NODE, view({ 'index.js': '', 'package.json': '{ nope' }))).toEqual([
      expect.stringMatching(/^code has a package.json that is not valid JSON \(.+\): Azure reads its "main" field$/),
    ]);
    expect(codeLayoutProblems({ ...PYTHON, handlerFile: 'my-app' }, view({ 'my-app.py': '' }))).toEqual([
      expect.stringContaining('handler "my-app.handler" cannot be imported by the function folders Cirrus generates for Azure'),
    ]);
  });

  test('lists every file the Azure packager generates beside the runtime libraries and the portable adapter', () => {
    const cases: Array<[FunctionRuntime, string]> = [[FunctionRuntime.NODEJS_22, 'index.handler'], [FunctionRuntime.PYTHON_3_12, 'app.handler']];
    for (const [runtime, handler] of cases) {
      const code = folder({ 'index.js': 'exports.handler = async () => {};', 'app.py': 'def handler(event, context):\n    return None\n' });
      const spec = buildFunctionSpec(CloudProvider.AZURE, 'app/Fn', {
        runtime, handler, code: FunctionCode.fromAsset(code), triggers: [Trigger.http(), Trigger.schedule(Schedule.everyMinutes(5)), Trigger.http({ path: '/b' })],
      } as FunctionInput);
      const generated = packageEntries(spec, spec.triggers, new Map()).map((e) => e.path)
        .filter((p) => !['index.js', 'app.py', 'package.json'].includes(p) && !p.startsWith('node_modules/'));
      const layout = { ...NODE, family: runtime.family, triggerIds: spec.triggers.map((t) => t.id) };
      // Every generated file, written into the code folder, is reported.
      for (const file of generated) {
        expect(codeLayoutProblems(layout, view({ [file]: '' }))).toEqual([expect.stringContaining(`code already contains ${file},`)]);
      }
      expect(generated).toContain(AZURE_GENERATED.hostJson);
    }
  });
});

describe('code layout on GCP', () => {
  const GCP_NODE: CodeLayoutInput = { ...NODE, cloud: CloudProvider.GCP, handlerFile: 'worker' };
  const GCP_PYTHON: CodeLayoutInput = { ...PYTHON, cloud: CloudProvider.GCP };

  test('package.json "main" must name the handler module', () => {
    expect(codeLayoutProblems(GCP_NODE, view({ 'package.json': '{"main": "index.js"}' }))).toEqual([expect.stringContaining('package.json "main" is "index.js"')]);
    expect(codeLayoutProblems(GCP_NODE, view({ 'package.json': '{"main": "./worker"}' }))).toEqual([]);
    expect(codeLayoutProblems(GCP_NODE, view({ 'package.json': '{"name": "x"}' }))).toEqual([]);
    expect(codeLayoutProblems({ ...GCP_NODE, handlerApi: HandlerApi.PORTABLE }, view({ 'package.json': '{"main": "index.js"}' }))).toEqual([]);
  });

  test('a Python handler outside main.py needs no main.py beside it and importable names', () => {
    expect(codeLayoutProblems(GCP_PYTHON, view({ 'app.py': '', 'main.py': '' }))).toEqual([expect.stringContaining('the code also has main.py, which GCP always loads')]);
    expect(codeLayoutProblems({ ...GCP_PYTHON, handlerFile: 'src/my-app' }, view({}))).toEqual([expect.stringContaining('cannot be imported from main.py')]);
    expect(codeLayoutProblems({ ...GCP_PYTHON, handlerFile: 'main' }, view({ 'main.py': '' }))).toEqual([]);
  });

  test('AWS packages the folder as it is', () => {
    expect(codeLayoutProblems({ ...NODE, cloud: CloudProvider.AWS }, view({ 'host.json': '', 'package.json': '{' }))).toEqual([]);
  });
});

describe('code layout at construction', () => {
  test('is reported with the function\'s other problems, in one error', () => {
    const code = FunctionCode.fromAsset(folder({ 'index.js': '', 'host.json': '{}' }));
    expect(specProblems(CloudProvider.AZURE, { code, memoryMb: 100000 })).toEqual([
      expect.stringContaining('memoryMb'),
      expect.stringContaining('code already contains host.json'),
    ]);
  });

  test('follows the triggers: a Python function folder clashes only once its trigger is declared', () => {
    const code = FunctionCode.fromAsset(folder({ 'app.py': '', 'Queue2/function.json': '{}' }));
    const input = { runtime: FunctionRuntime.PYTHON_3_12, handler: 'app.handler', code };
    expect(specProblems(CloudProvider.AZURE, { ...input, triggers: [Trigger.queue()] })).toEqual([]);
    expect(specProblems(CloudProvider.AZURE, { ...input, triggers: [Trigger.queue(), Trigger.queue()] })).toEqual([expect.stringContaining('Queue2/function.json')]);
  });

  test('reads an inline module as the only file', () => {
    expect(folderView(undefined, 'index.js').has('index.js')).toBe(true);
    expect(specProblems(CloudProvider.GCP, { code: FunctionCode.fromInline('exports.handler = async () => 1;') })).toEqual([]);
  });
});
