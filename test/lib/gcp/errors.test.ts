import { CirrusValidationError, EventDrivenFunction, FunctionCode, FunctionRuntime, HttpAuth, Trigger } from '../../../index';
import { codeFolder, functionProps, gcpStack, stackWithFunction } from './helpers';

const NODE_HANDLER = 'exports.handler = async (req, res) => { res.send("ok"); };\n';
const PY_HANDLER = 'def handler(request):\n    return "ok"\n';

/** The CirrusValidationError thrown by `build`. */
function errorOf(build: () => unknown): CirrusValidationError {
  try {
    build();
  } catch (e) {
    expect(e).toBeInstanceOf(CirrusValidationError);
    return e as CirrusValidationError;
  }
  throw new Error('expected a CirrusValidationError');
}

describe('GCP rejections', () => {
  test('fails when maxDeliveryAttempts is below the 5 Pub/Sub allows', () => {
    const err = errorOf(() => stackWithFunction({ triggers: [Trigger.queue({ maxDeliveryAttempts: 4 })] }));
    expect(err.message).toContain('test/ProcessOrder');
    expect(err.message).toContain('GCP');
    expect(err.message).toContain('5 to 100');
  });

  test('fails when the runtime is NODEJS_20, retired on GCP', () => {
    const err = errorOf(() => stackWithFunction({ runtime: FunctionRuntime.NODEJS_20 }));
    expect(err.message).toMatch(/test\/ProcessOrder: runtime is not offered on GCP/);
    expect(err.message).toContain('nodejs20');
  });

  test('fails when timeoutSeconds is 700 with a queue trigger', () => {
    const err = errorOf(() => stackWithFunction({ timeoutSeconds: 700, triggers: [Trigger.queue()] }));
    expect(err.message).toContain('timeoutSeconds');
    expect(err.message).toContain('queue trigger');
    expect(err.message).toContain('(got 700)');
  });

  test('fails when PUBLIC and PRIVATE HTTP triggers are mixed', () => {
    const err = errorOf(() => stackWithFunction({
      triggers: [Trigger.http({ path: '/a', auth: HttpAuth.PUBLIC }), Trigger.http({ path: '/b', auth: HttpAuth.PRIVATE })],
    }));
    expect(err.message).toContain('HttpAuth.PUBLIC and HttpAuth.PRIVATE');
  });

  test('fails when addTrigger mixes a PRIVATE HTTP trigger into a PUBLIC function', () => {
    const { fn } = stackWithFunction({ triggers: [Trigger.http({ auth: HttpAuth.PUBLIC })] });
    expect(() => fn.addTrigger(Trigger.http({ path: '/admin', auth: HttpAuth.PRIVATE }))).toThrow(CirrusValidationError);
  });

  test('fails when package.json "main" names another module than the handler', () => {
    const err = errorOf(() => stackWithFunction({ code: FunctionCode.fromAsset(codeFolder({ 'worker.js': NODE_HANDLER, 'package.json': '{"name": "orders", "main": "index.js"}' })), handler: 'worker.handler' }));
    expect(err.constructPath).toBe('test/ProcessOrder');
    expect(err.message).toContain('package.json "main" is "index.js"');
    expect(err.message).toContain('"worker.js"');
  });

  test('fails when a Python handler outside main.py sits beside a main.py', () => {
    const err = errorOf(() => new EventDrivenFunction(gcpStack(), 'ProcessOrder', functionProps({
      runtime: FunctionRuntime.PYTHON_3_12, code: FunctionCode.fromAsset(codeFolder({ 'app.py': PY_HANDLER, 'main.py': 'print("other")\n' })), handler: 'app.handler',
    })));
    expect(err.message).toContain('test/ProcessOrder');
    expect(err.message).toContain('main.py');
  });

  test('fails when a Python handler module cannot be imported from the generated main.py', () => {
    const err = errorOf(() => stackWithFunction({
      runtime: FunctionRuntime.PYTHON_3_12, code: FunctionCode.fromAsset(codeFolder({ 'my-app.py': PY_HANDLER })), handler: 'my-app.handler',
    }));
    expect(err.message).toContain('test/ProcessOrder: handler "my-app.handler" cannot be imported from main.py');
  });
});
