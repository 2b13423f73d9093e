import { App, Stack } from 'aws-cdk-lib';
import { describeValue } from '../../../lib/core/errors';
import { EdgeRule, EventTopic, FunctionRuntime, Schedule, Trigger } from '../../../index';

describe('describeValue', () => {
  test('writes the values that worked before exactly as before', () => {
    expect(describeValue('a "b"')).toBe('"a \\"b\\""');
    expect(describeValue(undefined)).toBe('nothing');
    expect(describeValue(null)).toBe('null');
    expect(describeValue(99999)).toBe('99999');
    expect(describeValue(NaN)).toBe('NaN');
    expect(describeValue(true)).toBe('true');
    expect(describeValue(['x', 1, undefined])).toBe('["x", 1, nothing]');
    expect(describeValue({ type: [], 'bad key': ['x'], n: NaN, gone: undefined })).toBe(JSON.stringify({ type: [], 'bad key': ['x'], n: NaN, gone: undefined }));
    expect(describeValue([{ a: [1, 2] }, [3]])).toBe('[{"a":[1,2]}, [3]]');
  });

  test('describes a construct by its kind and path, also inside lists and objects', () => {
    const stack = new Stack(new App(), 'orders-aws');
    const topic = new EventTopic(stack, 'Events');
    expect(describeValue(topic)).toBe('EventTopic orders-aws/Events');
    expect(describeValue([topic])).toBe('[EventTopic orders-aws/Events]');
    expect(describeValue({ queue: topic })).toBe('{"queue":EventTopic orders-aws/Events}');
    expect(describeValue(stack.node.root)).toBe('App (the root of the app)');
  });

  test('describes Cirrus values by class and kind, or as they are written', () => {
    expect(describeValue(Trigger.queue())).toBe('Trigger queue');
    expect(describeValue(Schedule.cron({ minute: '0' }))).toBe('Schedule cron');
    expect(describeValue(FunctionRuntime.NODEJS_22)).toBe('FunctionRuntime nodejs22');
    expect(describeValue(EdgeRule.redirect('/old', '/new', 301))).toBe('EdgeRule.redirect("/old", "/new", 301)');
  });

  test('never throws: cycles, functions, symbols, big numbers and hostile objects', () => {
    const cyclic: { self?: unknown; a: number } = { a: 1 };
    cyclic.self = cyclic;
    const list: unknown[] = [1];
    list.push(list);
    expect(describeValue(cyclic)).toBe('{"a":1,"self":[circular]}');
    expect(describeValue(list)).toBe('[1, [circular]]');
    expect(describeValue(function handler() { return 1; })).toBe('function handler');
    expect(describeValue(EventTopic)).toBe('class EventTopic');
    expect(describeValue(Symbol('s'))).toBe('Symbol(s)');
    expect(describeValue(10n)).toBe('10n');
    expect(describeValue(Object.create(null))).toBe('{}');
    const hostile = new Proxy({}, { getPrototypeOf: () => { throw new Error('no'); } });
    expect(describeValue(hostile)).toBe('a value of type object');
  });

  test('shortens long strings, lists and objects', () => {
    expect(describeValue('x'.repeat(5000))).toBe(`"${'x'.repeat(200)}"... (5000 characters)`);
    expect(describeValue(Array.from({ length: 30 }, (_, i) => i))).toBe('[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, ... (30 items)]');
    const wide = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`k${i}`, i]));
    expect(describeValue(wide)).toMatch(/^\{"k0":0,.*"k9":9,\.\.\. \(12 entries\)\}$/);
    expect(describeValue({ a: { b: { c: { d: { e: 1 } } } } })).toBe('{"a":{"b":{"c":{"d":{...}}}}}');
  });
});
