import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { HttpRequest } from '@azure/functions';
import { EventDrivenFunction, FunctionCode, FunctionRuntime, HandlerApi, HttpMethod, Schedule, Trigger } from '../../../index';
import { invokeAzureNodeApp, loadAzureNodeApp, triggerBinding } from '../../helpers/azure-functions-host';
import { PORTABLE_FIXTURE, payload } from '../../helpers/portable';
import { azureStack, deployedZip, resource, synthJson } from '../../helpers/terraform';

const portable = { code: FunctionCode.fromAsset(PORTABLE_FIXTURE), handler: 'index.handler', handlerApi: HandlerApi.PORTABLE };

describe('portable handlers on Azure', () => {
  test('Node.js: every registered function is Cirrus\'s adapter around the user\'s export; HTTP answers, a failed message throws so Service Bus redelivers it', () => {
    const { stack } = azureStack();
    new EventDrivenFunction(stack, 'Orders', {
      ...portable, runtime: FunctionRuntime.NODEJS_22,
      triggers: [Trigger.http({ path: '/orders', methods: [HttpMethod.POST] }), Trigger.queue({ batchSize: 10 }), Trigger.schedule(Schedule.everyHours(1))],
    });
    const tf = synthJson(stack);
    expect(resource(tf, 'azurerm_function_app_flex_consumption').app_settings.CIRRUS_CLOUD).toBe('azure');
    const files = deployedZip(stack, tf);
    expect(files.map((f) => f.path).filter((p) => p.startsWith('_cirrus/') || p.startsWith('node_modules/cirrus-runtime/')).sort()).toEqual([
      '_cirrus/azure.js', '_cirrus/event.js', '_cirrus/package.json', 'node_modules/cirrus-runtime/index.js', 'node_modules/cirrus-runtime/package.json',
    ]);
    const app = loadAzureNodeApp(files);
    expect(triggerBinding(app.get('Queue')!)).toMatchObject({ type: 'serviceBusTrigger', cardinality: 'many' });

    const many = payload('azure-node-servicebus-many').payload;
    many.firstArgument[1] = { fail: true };
    expect(invokeAzureNodeApp(files, 'Queue', [many.firstArgument, many.invocationContext])).toEqual({ thrown: expect.stringMatching(/records failed: bbbbb/) });
    many.firstArgument[1] = { ok: true };
    expect(invokeAzureNodeApp(files, 'Queue', [many.firstArgument, many.invocationContext])).toBeNull();
    const timer = payload('azure-node-timer').payload;
    expect(invokeAzureNodeApp(files, 'Schedule', [timer.firstArgument, timer.invocationContext])).toBeNull();
  });

  test('Node.js HTTP through a real HttpRequest: the user sees the portable request, the host gets an HttpResponseInit', async () => {
    const { stack } = azureStack();
    new EventDrivenFunction(stack, 'Orders', { ...portable, runtime: FunctionRuntime.NODEJS_22, triggers: [Trigger.http({ path: '/orders', methods: [HttpMethod.POST] })] });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-azure-portable-'));
    for (const f of deployedZip(stack, synthJson(stack))) {
      fs.mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
      fs.writeFileSync(path.join(dir, f.path), f.content);
    }
    // The adapter alone (the entry module needs the host): Jest cannot import() the user's module, so hand it over.
    const { createHandlers } = require(path.join(dir, '_cirrus', 'azure.js'));
    const init = payload('azure-node-http').payload.firstArgument.init;
    const request = new HttpRequest({ method: init.method, url: init.url, headers: init.headers, body: init.body });
    const response = await createHandlers(() => require(path.join(dir, 'index.js')), 'handler')('http', false)(request, { invocationId: 'i' });
    expect(response.status).toBe(200);
    expect(response.headers).toMatchObject({ 'x-cloud': 'azure', 'content-type': 'application/json' });
    expect(JSON.parse(response.body.toString())).toEqual({ cloud: 'azure', method: 'POST', path: '/api/orders', body: { orderId: 'o-1001', amount: 42.5 } });
  });

  test('Python: each trigger folder binds main to the portable adapter with its binding\'s name', () => {
    const { stack } = azureStack();
    new EventDrivenFunction(stack, 'Orders', { ...portable, runtime: FunctionRuntime.PYTHON_3_12, triggers: [Trigger.queue({ batchSize: 5 }), Trigger.http()] });
    const byPath = new Map(deployedZip(stack, synthJson(stack)).map((f) => [f.path, f.content.toString('utf8')]));
    expect(byPath.get('Queue/__init__.py')).toContain('main = create_main("queue", "index", "handler", many=True, schedule="Queue")');
    expect(JSON.parse(byPath.get('Queue/function.json')!).bindings[0]).toMatchObject({ name: 'messages', cardinality: 'many' });
    expect(JSON.parse(byPath.get('Http/function.json')!).bindings[1]).toEqual({ type: 'http', direction: 'out', name: '$return' });
    for (const file of ['cirrus_portable/__init__.py', 'cirrus_portable/event.py', 'cirrus_portable/azure.py', 'cirrus_runtime/__init__.py']) {
      expect(byPath.has(file)).toBe(true);
    }
  });
});
