import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EventDrivenFunction, EventQueue, FunctionCode, FunctionRuntime, HandlerApi, HttpMethod, Schedule, Trigger } from '../../../index';
import { sharedTriggerId } from '../../../lib/core/function-spec';
import { PORTABLE_FIXTURE, payload } from '../../helpers/portable';
import { gcpStack, resource, resources, synthesizedZip, synthJson } from '../../helpers/terraform';

const portable = { code: FunctionCode.fromAsset(PORTABLE_FIXTURE), handler: 'index.handler', handlerApi: HandlerApi.PORTABLE };

function gcpZip(stack: any, tf: any): Map<string, Buffer> {
  const object = resource(tf, 'google_storage_bucket_object');
  return new Map(synthesizedZip(stack, object.source).map((f) => [f.path, f.content]));
}

describe('portable handlers on GCP', () => {
  test('one function answers its routes and, on /_cirrus/ paths, its push subscriptions and schedules; the adapter is the entry point', () => {
    const { stack } = gcpStack();
    const queue = new EventQueue(stack, 'Orders');
    new EventDrivenFunction(stack, 'Api', {
      ...portable, runtime: FunctionRuntime.NODEJS_22,
      triggers: [Trigger.http({ path: '/orders', methods: [HttpMethod.POST] }), Trigger.queue({ queue }), Trigger.schedule(Schedule.everyHours(1))],
    });
    const tf = synthJson(stack);
    const fn = resource(tf, 'google_cloudfunctions2_function');
    expect(fn.build_config.entry_point).toBe('cirrusEntry');
    const env = fn.service_config.environment_variables;
    expect(env.CIRRUS_CLOUD).toBe('gcp');
    // The trigger of a shared queue is named by the queue (stable addresses).
    const queueTrigger = sharedTriggerId('Queue', queue.node.path);
    expect(JSON.parse(env.CIRRUS_TRIGGERS)).toEqual({ routes: [{ path: '/orders', methods: ['POST'] }], push: { [queueTrigger]: 'queue' }, schedules: ['Schedule'] });
    expect(env.CIRRUS_INVOKER_EMAIL).toMatch(/google_service_account\.CirrusInvokerServiceAccount\.email/);
    const subscription = Object.values<any>(resources(tf, 'google_pubsub_subscription')).find((s) => s.push_config)!;
    expect(subscription.push_config.push_endpoint).toMatch(/^\$\{google_cloudfunctions2_function\.Api_\w+\.service_config\[0\]\.uri\}\/_cirrus\/push\/Queue[0-9a-f]{6}$/);
    // The token's audience stays the service URL, which Cloud Run checks.
    expect(subscription.push_config.oidc_token.audience).toMatch(/^\$\{google_cloudfunctions2_function\.Api_\w+\.service_config\[0\]\.uri\}$/);
    expect(resource(tf, 'google_cloud_scheduler_job').http_target.uri).toMatch(/\/_cirrus\/schedule\/Schedule$/);
    const files = gcpZip(stack, tf);
    expect(JSON.parse(files.get('package.json')!.toString())).toMatchObject({ main: '_cirrus/entry.js' });
    expect([...files.keys()].filter((p) => p.startsWith('_cirrus/')).sort()).toEqual(['_cirrus/entry.js', '_cirrus/event.js', '_cirrus/gcp.js', '_cirrus/package.json']);
  });

  test('the packaged adapter answers an HTTP request the way the Functions Framework passes it, with the routes Cirrus configured', async () => {
    const { stack } = gcpStack();
    new EventDrivenFunction(stack, 'Api', { ...portable, runtime: FunctionRuntime.NODEJS_22, triggers: [Trigger.http({ path: '/orders', methods: [HttpMethod.POST] })] });
    const tf = synthJson(stack);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-gcp-portable-'));
    for (const [p, content] of gcpZip(stack, tf)) {
      fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
      fs.writeFileSync(path.join(dir, p), content);
    }
    const { createEntry } = require(path.join(dir, '_cirrus', 'gcp.js'));
    const config = JSON.parse(resource(tf, 'google_cloudfunctions2_function').service_config.environment_variables.CIRRUS_TRIGGERS);
    const entry = createEntry(() => require(path.join(dir, 'index.js')), 'handler', config, { fetchCerts: async () => ({ keys: [] }) });
    const sent: any = { headers: {} };
    const res: any = { status: (s: number) => { sent.status = s; return res; }, set: (h: object) => { Object.assign(sent.headers, h); return res; }, send: (b: unknown) => { sent.body = b; return res; }, json: (b: unknown) => { sent.body = b; return res; } };
    const body = payload('gcp-http').payload;
    await entry({ method: 'POST', path: '/orders', headers: { 'content-type': 'application/json' }, body, rawBody: Buffer.from(JSON.stringify(body)) }, res);
    expect(sent.status).toBe(200);
    expect(JSON.parse(sent.body.toString())).toEqual({ cloud: 'gcp', method: 'POST', path: '/orders', body });
  });

  test('Python: main.py is Cirrus\'s entry module; a user main.py is refused', () => {
    const { stack } = gcpStack();
    new EventDrivenFunction(stack, 'Api', { ...portable, runtime: FunctionRuntime.PYTHON_3_12, triggers: [Trigger.http()] });
    const files = gcpZip(stack, synthJson(stack));
    expect(files.get('main.py')!.toString()).toContain('cirrusEntry = create_entry("index", "handler"');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-gcp-main-'));
    fs.writeFileSync(path.join(dir, 'main.py'), 'def handler(event):\n    return None\n');
    expect(() => new EventDrivenFunction(stack, 'Other', { ...portable, code: FunctionCode.fromAsset(dir), handler: 'main.handler', runtime: FunctionRuntime.PYTHON_3_12 }))
      .toThrow(/code has main\.py, which Cloud Functions loads and which is Cirrus's portable entry module on GCP/);
  });

  test('no "paths are not enforced" warning for a PORTABLE function (its adapter enforces them)', () => {
    const { stack } = gcpStack();
    const fn = new EventDrivenFunction(stack, 'Api', { ...portable, runtime: FunctionRuntime.NODEJS_22, triggers: [Trigger.http({ path: '/orders', methods: [HttpMethod.POST] })] });
    const native = new EventDrivenFunction(stack, 'Native', { ...portable, handlerApi: HandlerApi.NATIVE, runtime: FunctionRuntime.NODEJS_22, triggers: [Trigger.http({ path: '/orders', methods: [HttpMethod.POST] })] });
    const warnings = (c: any) => c.node.metadata.filter((m: any) => m.type === '@cdktf/warn').map((m: any) => String(m.data));
    expect(warnings(fn).filter((w: string) => /not enforced/.test(w))).toEqual([]);
    expect(warnings(native).filter((w: string) => /not enforced/.test(w))).toHaveLength(1);
  });
});
