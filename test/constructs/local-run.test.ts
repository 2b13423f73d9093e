// The local run end to end, with a real HTTP client against run.url: the order-processing
// example's flow in Node.js (the example itself) and in Python (the same declaration, a Python handler).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  EventBucket, EventDrivenFunction, EventQueue, EventTopic, FunctionCode, FunctionRuntime, HandlerApi, HttpMethod, LocalRun, LocalStack, Schedule, SecretRef, Trigger,
} from '../../index';
import { defineOrderProcessing } from '../../examples/order-processing/order-processing';

const quiet = { port: 0, redeliveryDelayMs: 0, schedules: false, logs: false };

function dataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-local-'));
}

async function post(url: string, body: unknown) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json().catch(() => undefined) };
}

const parsedOutput = (run: LocalRun, fn: string) => run.output(fn).flatMap((l) => { try { return [JSON.parse(l)]; } catch { return []; } });

describe('LocalRun: the order-processing example on this machine (Node.js handlers)', () => {
  let run: LocalRun;
  let dir: string;
  beforeAll(async () => {
    dir = dataDir();
    const stack = new LocalStack(undefined, 'orders-local', { dataDir: dir });
    defineOrderProcessing(stack);
    run = await LocalRun.start(stack, quiet);
  });
  afterAll(() => run.stop());

  test('HTTP -> queue -> consumer -> topic fan-out and an invoice write that triggers the archive', async () => {
    expect(await post(`${run.url}/orders`, { orderId: 'o-1', amountCents: 1200 })).toEqual({ status: 202, body: { accepted: 'o-1' } });
    await run.idle();
    expect(parsedOutput(run, 'ProcessOrder')).toContainEqual({ message: 'order processed', orderId: 'o-1' });
    for (const subscriber of ['UpdateInventory', 'NotifyCustomer']) {
      expect(parsedOutput(run, subscriber)).toContainEqual(expect.objectContaining({ message: 'topic record handled', data: { type: 'OrderAccepted', order: { orderId: 'o-1', amountCents: 1200 } } }));
    }
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'buckets', 'Invoices', 'invoices', 'o-1.json'), 'utf8'))).toEqual({ orderId: 'o-1', amountCents: 1200 });
    expect(parsedOutput(run, 'ArchiveInvoice')).toContainEqual(expect.objectContaining({ message: 'storage record handled', data: { bucket: 'Invoices', name: 'invoices/o-1.json', size: 36, eventType: 'created' } }));
  });

  test('declared paths and methods only: 404, 405 with Allow, and the handler\'s 400', async () => {
    expect((await fetch(`${run.url}/nowhere`)).status).toBe(404);
    const wrong = await fetch(`${run.url}/orders`);
    expect([wrong.status, wrong.headers.get('allow')]).toEqual([405, 'POST']);
    expect(await post(`${run.url}/orders`, { amountCents: 1 })).toEqual({ status: 400, body: { problems: ['orderId must be a non-empty string'] } });
  });

  test('a failing record is redelivered, then dead-lettered after the queue\'s 5 attempts, never lost; the others are done', async () => {
    run.send('Orders', { orderId: '' });
    run.send('Orders', { orderId: 'o-2', amountCents: 5 });
    await run.idle();
    expect(run.deadLetters('Orders')).toEqual([expect.objectContaining({ data: { orderId: '' }, attempts: 5 })]);
    expect(parsedOutput(run, 'ProcessOrder')).toContainEqual({ message: 'order processed', orderId: 'o-2' });
  });

  test('a schedule fired on demand, by run.fire and by POST /_cirrus/schedule/<function>', async () => {
    await run.fire('Reconcile');
    expect(run.output('Reconcile').filter((l) => l.includes('reconciliation run'))).toHaveLength(1);
    expect(await post(`${run.url}/_cirrus/schedule/Reconcile`, {})).toEqual({ status: 200, body: { fired: 1 } });
    expect(run.output('Reconcile').filter((l) => l.includes('reconciliation run'))).toHaveLength(2);
    expect((await post(`${run.url}/_cirrus/schedule/Nope`, {})).status).toBe(404);
  });

  test('warns about what it does not emulate', () => {
    expect(run.warnings).toEqual(expect.arrayContaining([
      expect.stringMatching(/ProcessOrderWarmPool: warm capacity is not emulated/),
      expect.stringMatching(/Budget: budgets are not emulated/),
      expect.stringMatching(/alarms and IAM permissions beyond grants are not emulated/),
    ]));
  });
});

describe('LocalRun: the same flow with a Python handler', () => {
  test('HTTP -> queue -> consumer, topic fan-out with an attribute filter, storage, schedule, dead letters', async () => {
    const stack = new LocalStack(undefined, 'py-local', { dataDir: dataDir() });
    const code = FunctionCode.fromAsset(path.join(__dirname, '..', 'fixtures', 'local-python'));
    const common = { runtime: FunctionRuntime.PYTHON_3_12, code, handler: 'orders.handler', handlerApi: HandlerApi.PORTABLE };
    const orders = new EventQueue(stack, 'Orders', { maxDeliveryAttempts: 3 });
    const events = new EventTopic(stack, 'OrderEvents');
    const invoices = new EventBucket(stack, 'Invoices');
    const api = new EventDrivenFunction(stack, 'Api', { ...common, triggers: [Trigger.http({ path: '/orders/{proxy+}', methods: [HttpMethod.POST] }), Trigger.queue({ queue: orders })] });
    orders.grantSend(api);
    events.grantPublish(api);
    invoices.grantWrite(api);
    new EventDrivenFunction(stack, 'Accepted', { ...common, triggers: [Trigger.topic({ topic: events, filter: { type: ['OrderAccepted'] } })] });
    new EventDrivenFunction(stack, 'Other', { ...common, triggers: [Trigger.topic({ topic: events, filter: { type: ['Cancelled'] } })] });
    new EventDrivenFunction(stack, 'Archive', { ...common, triggers: [Trigger.storage({ bucket: invoices, prefix: 'invoices/', suffix: '.json' }), Trigger.schedule(Schedule.everyHours(1))] });
    const run = await LocalRun.start(stack, quiet);
    try {
      // A greedy path takes every deeper path.
      expect(await post(`${run.url}/orders/eu/1`, { orderId: 'p-1' })).toEqual({ status: 202, body: { accepted: 'p-1' } });
      run.send('Orders', { nope: true });
      await run.idle();
      expect(parsedOutput(run, 'Accepted')).toEqual([{ trigger: 'topic', cloud: 'local', data: { order: { orderId: 'p-1' } } }]);
      expect(parsedOutput(run, 'Other')).toEqual([]); // filtered out
      expect(parsedOutput(run, 'Archive')).toEqual([{ trigger: 'storage', cloud: 'local', data: { bucket: 'Invoices', name: 'invoices/p-1.json', size: Buffer.byteLength(JSON.stringify({ orderId: 'p-1' }).replace(':', ': ')), eventType: 'created' } }]);
      expect(run.deadLetters('Orders')).toEqual([expect.objectContaining({ data: { nope: true }, attempts: 3 })]);
      await run.fire('Archive');
      expect(parsedOutput(run, 'Archive')[1]).toMatchObject({ trigger: 'schedule', data: { scheduledTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z$/) } });
    } finally {
      await run.stop();
    }
  });
});

describe('LocalRun: grants and errors', () => {
  test('a producer without its grant is refused, as on a cloud; a handler that throws answers 500 and the run goes on', async () => {
    const dir = dataDir();
    fs.writeFileSync(path.join(dir, 'index.js'), [
      "const { queue } = require('cirrus-runtime');",
      'exports.handler = async (event) => {',
      "  if (event.http.path === '/boom') throw new Error('boom');",
      "  try { await queue('Orders').send({}); return { statusCode: 200 }; } catch (e) { return { statusCode: 403, body: { error: e.message } }; }",
      '};',
    ].join('\n'));
    const stack = new LocalStack(undefined, 'grants', { dataDir: dir });
    new EventQueue(stack, 'Orders');
    new EventDrivenFunction(stack, 'Api', { runtime: FunctionRuntime.NODEJS_22, code: FunctionCode.fromAsset(dir), handler: 'index.handler', handlerApi: HandlerApi.PORTABLE, triggers: [Trigger.http({ path: '/{proxy+}' })] });
    const run = await LocalRun.start(stack, quiet);
    try {
      expect(await post(`${run.url}/send`, {})).toEqual({ status: 403, body: { error: expect.stringMatching(/has no ORDERS_QUEUE in its environment; give it access in the declaration \(orders\.grantSend\(fn\)/) } });
      expect(await post(`${run.url}/boom`, {})).toEqual({ status: 500, body: { message: 'the handler failed', error: 'boom' } });
      expect((await post(`${run.url}/send`, {})).status).toBe(403);
    } finally {
      await run.stop();
    }
  });

  test('secrets come from the secrets file, and CIRRUS_SECRET_<NAME> overrides it; never from a cloud', async () => {
    const dir = dataDir();
    fs.writeFileSync(path.join(dir, 'index.js'), 'exports.handler = async () => ({ statusCode: 200, body: { db: process.env.DB_PASSWORD, api: process.env.API_KEY } });');
    fs.writeFileSync(path.join(dir, 'secrets.json'), JSON.stringify({ 'db-password': 'from-file', 'api-key': 'from-file' }));
    const stack = new LocalStack(undefined, 'secrets', { dataDir: dir, secretsFile: path.join(dir, 'secrets.json') });
    new EventDrivenFunction(stack, 'Api', {
      runtime: FunctionRuntime.NODEJS_22, code: FunctionCode.fromAsset(dir), handler: 'index.handler', handlerApi: HandlerApi.PORTABLE,
      triggers: [Trigger.http({ path: '/s' })], secrets: { DB_PASSWORD: SecretRef.fromName('db-password'), API_KEY: SecretRef.fromName('api-key') },
    });
    process.env.CIRRUS_SECRET_API_KEY = 'from-env';
    const run = await LocalRun.start(stack, quiet);
    try {
      expect(await (await fetch(`${run.url}/s`)).json()).toEqual({ db: 'from-file', api: 'from-env' });
    } finally {
      delete process.env.CIRRUS_SECRET_API_KEY;
      await run.stop();
    }
  });

  test('fails when started with something that is not a LocalStack', async () => {
    await expect(LocalRun.start({} as LocalStack)).rejects.toThrow('LocalRun: start needs a LocalStack');
  });
});
