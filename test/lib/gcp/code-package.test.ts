import { FunctionCode, FunctionRuntime } from '../../../index';
import { codeFolder, packagedFiles, resourceOf, stackWithFunction, synth } from './helpers';

const NODE_HANDLER = 'exports.handler = async (req, res) => { res.send("ok"); };\n';
const PY_HANDLER = 'def handler(request):\n    return "ok"\n';

describe('GCP code package', () => {
  test('packages inline Node.js code as index.js, with no generated files', () => {
    const { stack } = stackWithFunction();
    expect(packagedFiles(stack)).toEqual({ 'index.js': 'exports.handler = async () => {}' });
  });

  test('adds a package.json whose main is the handler module when the handler is not index.js', () => {
    const { stack } = stackWithFunction({ code: FunctionCode.fromAsset(codeFolder({ 'src/app.js': NODE_HANDLER })), handler: 'src/app.handler' });
    const files = packagedFiles(stack);
    expect(Object.keys(files).sort()).toEqual(['package.json', 'src/app.js']);
    expect(JSON.parse(files['package.json'])).toEqual({ main: 'src/app.js' });
    expect(resourceOf(synth(stack), 'google_cloudfunctions2_function').build_config.entry_point).toBe('handler');
  });

  test('adds main to a package.json that has none, keeping its other fields', () => {
    const { stack } = stackWithFunction({ code: FunctionCode.fromAsset(codeFolder({ 'worker.js': NODE_HANDLER, 'package.json': '{"name": "orders", "dependencies": {}}' })), handler: 'worker.handler' });
    expect(JSON.parse(packagedFiles(stack)['package.json'])).toEqual({ name: 'orders', dependencies: {}, main: 'worker.js' });
  });

  test('generates main.py importing the handler module for Python', () => {
    const { stack } = stackWithFunction({
      runtime: FunctionRuntime.PYTHON_3_12, code: FunctionCode.fromAsset(codeFolder({ 'lib/orders.py': PY_HANDLER, 'requirements.txt': 'functions-framework==3.*\n' })), handler: 'lib/orders.handler',
    });
    const files = packagedFiles(stack);
    expect(Object.keys(files).sort()).toEqual(['lib/orders.py', 'main.py', 'requirements.txt']);
    expect(files['main.py']).toContain('from lib.orders import handler');
    const fn = resourceOf(synth(stack), 'google_cloudfunctions2_function');
    expect(fn.build_config).toMatchObject({ runtime: 'python312', entry_point: 'handler' });
  });

  test('uses a Python main.py as it is when the handler is in it', () => {
    const { stack } = stackWithFunction({ runtime: FunctionRuntime.PYTHON_3_13, code: FunctionCode.fromAsset(codeFolder({ 'main.py': PY_HANDLER })), handler: 'main.handler' });
    expect(Object.keys(packagedFiles(stack))).toEqual(['main.py']);
  });

  test('names the code object after the zip hash, which changes with the code', () => {
    const a = resourceOf(synth(stackWithFunction().stack), 'google_storage_bucket_object').name;
    const again = resourceOf(synth(stackWithFunction().stack), 'google_storage_bucket_object').name;
    const b = resourceOf(synth(stackWithFunction({ code: FunctionCode.fromInline('exports.handler = async () => 1') }).stack), 'google_storage_bucket_object').name;
    expect(again).toBe(a);
    expect(b).not.toBe(a);
  });
});
