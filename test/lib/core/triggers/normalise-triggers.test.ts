import { CloudProvider } from '../../../../lib/core/cloud-provider';
import { CirrusValidationError, ProblemCollector } from '../../../../lib/core/errors';
import { HttpAuth, HttpMethod } from '../../../../lib/core/http';
import { Schedule } from '../../../../lib/core/schedule';
import { StorageEvent, Trigger, TriggerKind } from '../../../../lib/core/trigger';
import { GCP_ROUTES_NOT_ENFORCED } from '../../../../lib/core/triggers/cross-trigger-rules';
import { normaliseTriggers } from '../../../../lib/core/triggers/normalise-triggers';
import type { TriggerSpec } from '../../../../lib/core/triggers/trigger-spec';

/** The model alone: no construct, no renderer. */
function normalise(cloud: CloudProvider, triggers: Trigger[]): { specs: TriggerSpec[]; problems: string[]; warnings: string[] } {
  const problems = new ProblemCollector();
  const warnings: string[] = [];
  const specs = normaliseTriggers(problems, cloud, triggers, warnings);
  try {
    problems.throwIfAny('fn');
    return { specs, problems: [], warnings };
  } catch (e) {
    return { specs, problems: (e as CirrusValidationError).problems, warnings };
  }
}

const ALL_CLOUDS = [CloudProvider.AWS, CloudProvider.AZURE, CloudProvider.GCP, CloudProvider.LOCAL];

describe('trigger ids', () => {
  test('are the kind, numbered from the second of a kind, in declaration order', () => {
    const { specs } = normalise(CloudProvider.AWS, [Trigger.queue(), Trigger.http(), Trigger.queue(), Trigger.http({ path: '/b' })]);
    expect(specs.map((s) => s.id)).toEqual(['Queue', 'Http', 'Queue2', 'Http2']);
  });
});

describe('http', () => {
  test.each(ALL_CLOUDS)('defaults to ANY / and PRIVATE on %s', (cloud) => {
    const { specs, problems } = normalise(cloud, [Trigger.http()]);
    expect(problems).toEqual([]);
    expect(specs).toEqual([{ kind: TriggerKind.HTTP, id: 'Http', path: '/', methods: [HttpMethod.ANY], auth: HttpAuth.PRIVATE }]);
  });

  test('fails when a route repeats, or ANY is mixed with a method', () => {
    const { problems } = normalise(CloudProvider.AWS, [
      Trigger.http({ path: '/a', methods: [HttpMethod.GET] }),
      Trigger.http({ path: '/a', methods: [HttpMethod.GET] }),
      Trigger.http({ path: '/b', methods: [HttpMethod.ANY, HttpMethod.POST] }),
    ]);
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringContaining('triggers[1] repeats the route "GET /a"'),
      expect.stringContaining('triggers[2].methods cannot mix HttpMethod.ANY with other methods'),
    ]));
  });

  test('fails when a path is not a route path, or is /admin on Azure', () => {
    expect(normalise(CloudProvider.AWS, [Trigger.http({ path: 'orders' })]).problems[0]).toContain('triggers[0].path must start with "/"');
    expect(normalise(CloudProvider.AZURE, [Trigger.http({ path: '/admin/x' })]).problems[0]).toContain('cannot start with /admin on Azure');
    expect(normalise(CloudProvider.AWS, [Trigger.http({ path: '/admin/x' })]).problems).toEqual([]);
  });

  test('warns on GCP that a NATIVE handler must route itself, unless the route takes every path and method', () => {
    expect(normalise(CloudProvider.GCP, [Trigger.http({ path: '/orders' })]).warnings).toContain(GCP_ROUTES_NOT_ENFORCED);
    expect(normalise(CloudProvider.GCP, [Trigger.http({ path: '/{proxy+}' })]).warnings).not.toContain(GCP_ROUTES_NOT_ENFORCED);
  });

  test('fails on GCP when PUBLIC and PRIVATE routes share the one URL', () => {
    const { problems } = normalise(CloudProvider.GCP, [Trigger.http({ path: '/a', auth: HttpAuth.PUBLIC }), Trigger.http({ path: '/b' })]);
    expect(problems).toEqual([expect.stringContaining('triggers mix HttpAuth.PUBLIC and HttpAuth.PRIVATE')]);
    expect(normalise(CloudProvider.AWS, [Trigger.http({ path: '/a', auth: HttpAuth.PUBLIC }), Trigger.http({ path: '/b' })]).problems).toEqual([]);
  });
});

describe('queue', () => {
  test('defaults: batches of 10 (1 on GCP, where push delivers one message per request), 5 attempts, 4 days', () => {
    const aws = normalise(CloudProvider.AWS, [Trigger.queue()]).specs[0];
    expect(aws).toMatchObject({ batchSize: 10, maxDeliveryAttempts: 5, retentionDays: 4, maxBatchingWindowSeconds: 0 });
    expect(normalise(CloudProvider.GCP, [Trigger.queue()]).specs[0]).toMatchObject({ batchSize: 1 });
  });

  test('fails when a batch above 10 has no batching window on AWS', () => {
    expect(normalise(CloudProvider.AWS, [Trigger.queue({ batchSize: 50 })]).problems[0]).toContain('above 10 needs maxBatchingWindowSeconds');
    expect(normalise(CloudProvider.AWS, [Trigger.queue({ batchSize: 50, maxBatchingWindowSeconds: 1 })]).problems).toEqual([]);
  });

  test('fails on Azure when two queues of one app ask for different batch sizes (host.json holds one)', () => {
    const { problems } = normalise(CloudProvider.AZURE, [Trigger.queue({ batchSize: 5 }), Trigger.queue({ batchSize: 8 })]);
    expect(problems).toEqual([expect.stringContaining('batchSize 5 and 8 on different queues')]);
  });
});

describe('asynchronous sources', () => {
  test('take each cloud\'s delivery defaults', () => {
    expect(normalise(CloudProvider.AWS, [Trigger.topic()]).specs[0]).toMatchObject({ maxDeliveryAttempts: 3, maxEventAgeSeconds: 21600 });
    expect(normalise(CloudProvider.AZURE, [Trigger.topic()]).specs[0]).toMatchObject({ maxDeliveryAttempts: 5, maxEventAgeSeconds: 345600 });
    expect(normalise(CloudProvider.GCP, [Trigger.storage()]).specs[0]).toMatchObject({ maxDeliveryAttempts: 5, maxEventAgeSeconds: 345600, events: [StorageEvent.OBJECT_CREATED] });
  });

  test('fails on AWS when two asynchronous sources set different delivery (one invoke config per function)', () => {
    const { problems } = normalise(CloudProvider.AWS, [Trigger.topic({ maxDeliveryAttempts: 2 }), Trigger.storage()]);
    expect(problems).toEqual([expect.stringContaining('different maxDeliveryAttempts or maxEventAgeSeconds')]);
  });

  test('fails when a bus pattern matches nothing, or a storage suffix is used on GCP', () => {
    expect(normalise(CloudProvider.AWS, [Trigger.eventBus({ pattern: {} })]).problems[0]).toContain('pattern must match on source or detailType');
    expect(normalise(CloudProvider.GCP, [Trigger.storage({ suffix: '.pdf' })]).problems[0]).toContain('suffix cannot be expressed on GCP');
    expect(normalise(CloudProvider.AWS, [Trigger.storage({ suffix: '.pdf' })]).problems).toEqual([]);
  });

  test('fails on Azure when an Event Grid event age is not whole minutes', () => {
    expect(normalise(CloudProvider.AZURE, [Trigger.storage({ maxEventAgeSeconds: 90 })]).problems[0]).toContain('must be whole minutes on Azure');
  });
});

describe('schedule', () => {
  test('renders each cloud\'s expression', () => {
    const every5 = Trigger.schedule(Schedule.everyMinutes(5));
    expect(normalise(CloudProvider.AWS, [every5]).specs[0]).toMatchObject({ kind: TriggerKind.SCHEDULE, id: 'Schedule', expression: 'rate(5 minutes)' });
    expect(normalise(CloudProvider.GCP, [every5]).specs[0]).toMatchObject({ expression: '*/5 * * * *' });
  });
});

describe('wrong input', () => {
  test('fails when a trigger is not made with a Trigger factory, with a hint for a bare Schedule', () => {
    const { problems, specs } = normalise(CloudProvider.AWS, [Schedule.everyHours(1) as unknown as Trigger]);
    expect(specs).toEqual([]);
    expect(problems[0]).toContain('wrap a Schedule in Trigger.schedule(schedule)');
  });
});
