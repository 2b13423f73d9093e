import { Stack } from 'aws-cdk-lib';
import { Testing } from 'cdktf';
import {
  ArchitectureDiagram, CirrusValidationError, CostBudgetGuard, EventDrivenFunction, FunctionCode, FunctionRuntime, GcpStack, HttpApi, HttpAuth, HttpMethod, LocalRun, LocalStack, Trigger,
} from '../../index';
import { architectureGraph } from '../../constructs/architecture-diagram';
import { azureUrlTemplate, openApiPath, routeConflicts } from '../../lib/core/http-api-spec';
import { awsStack } from '../helpers/aws';

const base = { runtime: FunctionRuntime.NODEJS_22, code: FunctionCode.fromInline('exports.handler = async () => ({ statusCode: 200 });'), handler: 'index.handler' };

function fnWith(stack: Stack, id: string, ...triggers: Trigger[]): EventDrivenFunction {
  return new EventDrivenFunction(stack, id, { ...base, triggers });
}

describe('HttpApi: routes', () => {
  test('a route without auth takes the API\'s; a route may override it', () => {
    const { stack } = awsStack();
    const api = new HttpApi(stack, 'Api', { auth: HttpAuth.PUBLIC });
    const a = fnWith(stack, 'A', Trigger.http({ api, path: '/a' }));
    const b = fnWith(stack, 'B', Trigger.http({ api, path: '/b', auth: HttpAuth.PRIVATE }));
    expect(a._spec.triggers[0]).toMatchObject({ auth: HttpAuth.PUBLIC });
    expect(b._spec.triggers[0]).toMatchObject({ auth: HttpAuth.PRIVATE });
    expect(api._routes.map((r) => [r.functionPath, r.path, r.auth])).toEqual([['orders-aws/A', '/a', 'public'], ['orders-aws/B', '/b', 'private']]);
  });

  test('literal segments may sit beside a parameter, and different methods may share a path', () => {
    const { stack } = awsStack();
    const api = new HttpApi(stack, 'Api');
    fnWith(stack, 'List', Trigger.http({ api, path: '/orders', methods: [HttpMethod.GET] }));
    fnWith(stack, 'Create', Trigger.http({ api, path: '/orders', methods: [HttpMethod.POST] }));
    fnWith(stack, 'New', Trigger.http({ api, path: '/orders/new', methods: [HttpMethod.GET] }));
    fnWith(stack, 'Get', Trigger.http({ api, path: '/orders/{id}', methods: [HttpMethod.GET] }));
    expect(api._routes).toHaveLength(4);
  });

  test('fails when two functions declare the same method and path, naming both', () => {
    const { stack } = awsStack();
    const api = new HttpApi(stack, 'Api');
    fnWith(stack, 'GetOrder', Trigger.http({ api, path: '/orders/{id}', methods: [HttpMethod.GET] }));
    expect(() => fnWith(stack, 'ReadOrder', Trigger.http({ api, path: '/orders/{orderId}', methods: [HttpMethod.GET, HttpMethod.PUT] })))
      .toThrow(/orders-aws\/ReadOrder: HttpApi orders-aws\/Api: orders-aws\/GetOrder \(GET \/orders\/\{id\}\) and orders-aws\/ReadOrder \(GET,PUT \/orders\/\{orderId\}\) declare the same route "GET \/orders\/\{orderId\}"/);
  });

  test('fails when ANY overlaps a method of another function', () => {
    const { stack } = awsStack();
    const api = new HttpApi(stack, 'Api');
    fnWith(stack, 'A', Trigger.http({ api, path: '/x', methods: [HttpMethod.DELETE] }));
    expect(() => fnWith(stack, 'B', Trigger.http({ api, path: '/x' }))).toThrow(/orders-aws\/A \(DELETE \/x\) and orders-aws\/B \(ANY \/x\) declare the same route "DELETE \/x"/);
  });

  test('fails when a greedy path shadows another function\'s route', () => {
    const { stack } = awsStack();
    const api = new HttpApi(stack, 'Api');
    fnWith(stack, 'Orders', Trigger.http({ api, path: '/orders/{id}/items', methods: [HttpMethod.GET] }));
    expect(() => fnWith(stack, 'Catch', Trigger.http({ api, path: '/orders/{rest+}' })))
      .toThrow(/the greedy path of orders-aws\/Orders \(GET \/orders\/\{id\}\/items\) and orders-aws\/Catch \(ANY \/orders\/\{rest\+\}\) would shadow the other for GET/);
  });

  test('fails when a trigger added later conflicts (addTrigger)', () => {
    const { stack } = awsStack();
    const api = new HttpApi(stack, 'Api');
    fnWith(stack, 'A', Trigger.http({ api, path: '/a' }));
    const b = fnWith(stack, 'B');
    expect(() => b.addTrigger(Trigger.http({ api, path: '/a', methods: [HttpMethod.GET] }))).toThrow(CirrusValidationError);
    expect(api._routes).toHaveLength(1);
  });

  test('fails when the api is of another cloud or another stack', () => {
    const { app, stack } = awsStack();
    const other = new Stack(app, 'other', { env: { region: 'eu-west-1', account: '123456789012' } });
    const api = new HttpApi(other, 'Api');
    expect(() => fnWith(stack, 'Fn', Trigger.http({ api, path: '/a' }))).toThrow(/orders-aws\/Fn: triggers\[0\]\.api other\/Api is in another stack/);
    const gcp = new GcpStack(Testing.app(), 'g', { project: 'acme-prod', region: 'europe-west1' });
    const gcpApi = new HttpApi(gcp, 'Api');
    expect(() => fnWith(stack, 'Fn2', Trigger.http({ api: gcpApi, path: '/a' }))).toThrow(/triggers\[0\]\.api g\/Api is on GCP, not AWS/);
  });

  test('fails when api is not an HttpApi', () => {
    const { stack } = awsStack();
    expect(() => fnWith(stack, 'Fn', Trigger.http({ api: stack as any, path: '/a' }))).toThrow(/triggers\[0\]\.api must be an HttpApi/);
  });

  test('fails when the props are out of range', () => {
    const { stack } = awsStack();
    expect(() => new HttpApi(stack, 'A', { throttle: { ratePerSecond: 20000, burst: 0 } }))
      .toThrow(/orders-aws\/A: throttle\.ratePerSecond must be a whole number from 1 to 10000 on AWS \(got 20000\)\n.*throttle\.burst must be a whole number from 1 to 5000 on AWS \(got 0\)/);
    expect(() => new HttpApi(stack, 'B', { corsAllowedOrigins: ['shop.example.com/x'] })).toThrow(/corsAllowedOrigins must hold "\*" or origins/);
    expect(() => new HttpApi(stack, 'C', { auth: 'open' as any })).toThrow(/auth must be HttpAuth.PRIVATE or HttpAuth.PUBLIC \(got "open"\)/);
  });
});

describe('HttpApi: cost estimate', () => {
  test('CostBudgetGuard prices the API\'s requests from the dated table (AWS $1.00/M; GCP $3.00/M after 2M free)', () => {
    const { stack } = awsStack();
    const api = new HttpApi(stack, 'Api');
    new EventDrivenFunction(stack, 'A', { ...base, expectedLoad: { monthlyInvocations: 3_000_000, averageDurationMs: 100 }, triggers: [Trigger.http({ api, path: '/a' })] });
    new EventDrivenFunction(stack, 'B', { ...base, expectedLoad: { monthlyInvocations: 2_000_000, averageDurationMs: 100 }, triggers: [Trigger.http({ api, path: '/b' })] });
    const guard = new CostBudgetGuard(stack, 'Budget', { monthlyLimitUsd: 100, notifyEmails: ['ops@example.com'] });
    expect(guard.costBreakdown).toContainEqual(expect.objectContaining({ item: 'orders-aws/Api', kind: 'API requests', monthlyUsd: 5 }));
    const gcp = new GcpStack(Testing.app(), 'g', { project: 'acme-prod', region: 'europe-west1' });
    const gcpApi = new HttpApi(gcp, 'Api');
    new EventDrivenFunction(gcp, 'A', { ...base, expectedLoad: { monthlyInvocations: 5_000_000, averageDurationMs: 100 }, triggers: [Trigger.http({ api: gcpApi, path: '/a' })] });
    const gcpGuard = new CostBudgetGuard(gcp, 'Budget', { monthlyLimitUsd: 100, notifyEmails: ['ops@example.com'], billingAccountId: '01ABCD-23EF45-6789AB' });
    expect(gcpGuard.costBreakdown).toContainEqual(expect.objectContaining({ item: 'g/Api', kind: 'API requests', monthlyUsd: 9 }));
  });
});

describe('HttpApi: path syntax per cloud', () => {
  test('API Management templates and OpenAPI paths', () => {
    expect(azureUrlTemplate('/orders/{id}')).toBe('/orders/{id}');
    expect(azureUrlTemplate('/files/{path+}')).toBe('/files/*');
    expect(azureUrlTemplate('/')).toBe('/');
    expect(openApiPath('/files/{path+}')).toBe('/files/{path=**}');
    expect(openApiPath('/orders/{id}/items')).toBe('/orders/{id}/items');
  });

  test('overlap rules: a greedy segment needs one more segment', () => {
    const r = (functionPath: string, path: string) => ({ functionPath, triggerId: 'Http', path, methods: [HttpMethod.GET], auth: HttpAuth.PRIVATE });
    expect(routeConflicts('Api', [r('A', '/files')], [r('B', '/files/{p+}')])).toEqual([]);
    expect(routeConflicts('Api', [r('A', '/files/x/y')], [r('B', '/files/{p+}')])).toHaveLength(1);
    expect(routeConflicts('Api', [r('A', '/a/{id}')], [r('B', '/b/{id}')])).toEqual([]);
  });
});

describe('HttpApi on a LocalStack', () => {
  test('LocalRun serves the API\'s routes of every function, with 404 and 405', async () => {
    const stack = new LocalStack(undefined, 'local-api');
    const api = new HttpApi(stack, 'Api');
    expect(api.url).toBe('');
    new EventDrivenFunction(stack, 'A', { ...base, code: FunctionCode.fromInline('exports.handler = async () => ({ statusCode: 200, body: "a" });'), triggers: [Trigger.http({ api, path: '/a', methods: [HttpMethod.GET] })] });
    new EventDrivenFunction(stack, 'B', { ...base, triggers: [Trigger.http({ api, path: '/b/{id}', methods: [HttpMethod.POST] })] });
    const run = await LocalRun.start(stack, { port: 0, logs: false, schedules: false });
    try {
      expect(run.routes.join('\n')).toMatch(/GET +http:\/\/127\.0\.0\.1:\d+\/a +-> A/);
      expect(run.routes.join('\n')).toMatch(/POST +http:\/\/127\.0\.0\.1:\d+\/b\/\{id\} +-> B/);
      expect((await fetch(`${run.url}/nowhere`)).status).toBe(404);
      expect((await fetch(`${run.url}/b/1`)).status).toBe(405);
    } finally {
      await run.stop();
    }
  });
});

describe('HttpApi in the architecture diagram', () => {
  test('the API is one node whose routes lead to their functions', () => {
    const { stack } = awsStack();
    const api = new HttpApi(stack, 'Shop');
    fnWith(stack, 'CreateOrder', Trigger.http({ api, path: '/orders', methods: [HttpMethod.POST] }));
    fnWith(stack, 'GetOrder', Trigger.http({ api, path: '/orders/{id}', methods: [HttpMethod.GET], auth: HttpAuth.PUBLIC }));
    const graph = architectureGraph(stack);
    const apiNodes = graph.nodes.filter((n) => n.lines.includes('Shop'));
    expect(apiNodes).toEqual([expect.objectContaining({ lines: ['Shop', 'API Gateway HTTP API'] })]);
    const routes = graph.edges.filter((e) => e.from === apiNodes[0].id).map((e) => graph.nodes.find((n) => n.id === e.to)!);
    expect(routes.map((r) => r.lines)).toEqual([['POST /orders', 'private'], ['GET /orders/{id}', 'public']]);
    for (const [route, fn] of [[routes[0], 'CreateOrder'], [routes[1], 'GetOrder']] as const) {
      const target = graph.edges.find((e) => e.from === route.id)!.to;
      expect(graph.nodes.find((n) => n.id === target)!.lines[0]).toBe(fn);
    }
    expect(ArchitectureDiagram.mermaid(stack)).toContain('API Gateway HTTP API');
  });
});
