import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, NestedStack, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { EventDrivenFunction, FunctionCode, FunctionPlacement, FunctionRuntime, Trigger } from '../../../index';
import { hashedGroupId, NESTED_STACKS_CONTEXT_KEY } from '../../../lib/core/placement';
import { validationViolations } from '../../helpers/aws';

const code = FunctionCode.fromInline('exports.handler = async () => ({})');
const base = { runtime: FunctionRuntime.NODEJS_22, code, handler: 'index.handler' };
const env = { region: 'eu-west-1', account: '123456789012' };

/** An app with the context key set as cdk.json (or `-c`) would set it. */
function appWith(value: unknown): App {
  const context = value === undefined ? {} : { [NESTED_STACKS_CONTEXT_KEY]: value };
  return new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-cdk-')), context });
}

/** The stack that holds a function's Lambda resource. */
function homeOf(fn: EventDrivenFunction): Stack {
  return Stack.of(fn.node.defaultChild as lambda.Function);
}

function functions(stack: Stack, n: number): EventDrivenFunction[] {
  return Array.from({ length: n }, (_, i) => new EventDrivenFunction(stack, `Fn${i}`, { ...base, triggers: [Trigger.queue()] }));
}

describe(`the app context key ${NESTED_STACKS_CONTEXT_KEY}`, () => {
  test('true nests the functions of every stack of the app by hash over 64 groups, as FunctionPlacement.nestedStacks(stack) would', () => {
    const app = appWith(true);
    const stacks = [new Stack(app, 'orders', { env }), new Stack(app, 'billing', { env })];
    const fnsOf = new Map(stacks.map((stack) => [stack, functions(stack, 40)]));
    for (const [stack, fns] of fnsOf) {
      for (const fn of fns) {
        expect(homeOf(fn).nested).toBe(true);
        expect(homeOf(fn).node.id).toBe(hashedGroupId(fn.node.id, 64));
      }
      const parent = Template.fromStack(stack);
      parent.resourceCountIs('AWS::Lambda::Function', 0);
      parent.resourceCountIs('AWS::SQS::Queue', 0);
      expect(Object.keys(parent.findResources('AWS::CloudFormation::Stack')).length).toBeGreaterThan(10);
    }
    // 40 queue-triggered functions are over 500 resources in one template: nested, the app synthesizes.
    expect(validationViolations(app)).toEqual([]);
  });

  test('the same functions get the same templates from the key as from FunctionPlacement.nestedStacks(stack)', () => {
    const fromKey = new Stack(appWith(true), 'orders', { env });
    functions(fromKey, 5);
    const explicit = new Stack(appWith(undefined), 'orders', { env });
    FunctionPlacement.nestedStacks(explicit);
    functions(explicit, 5);
    const nestedTemplates = (s: Stack) => s.node.children.filter((c): c is NestedStack => c instanceof NestedStack)
      .map((n) => [n.node.id, Template.fromStack(n).toJSON()]);
    expect(nestedTemplates(fromKey).length).toBeGreaterThan(1);
    expect(nestedTemplates(fromKey)).toEqual(nestedTemplates(explicit));
    expect(Template.fromStack(fromKey).toJSON()).toEqual(Template.fromStack(explicit).toJSON());
  });

  test.each([
    [8, 8],
    ['8', 8],
    ['true', 64],
  ])('%p spreads the functions over that many groups (strings as cdk synth -c passes them)', (value, groups) => {
    const stack = new Stack(appWith(value), 'orders', { env });
    for (const fn of functions(stack, 20)) {
      expect(homeOf(fn).node.id).toBe(hashedGroupId(fn.node.id, groups));
    }
  });

  test.each([undefined, false, 'false'])('%p leaves every function in the stack itself', (value) => {
    const stack = new Stack(appWith(value), 'orders', { env });
    const [fn] = functions(stack, 1);
    expect(homeOf(fn)).toBe(stack);
    expect(stack.node.findAll().some((c) => c instanceof NestedStack)).toBe(false);
    Template.fromStack(stack).resourceCountIs('AWS::Lambda::Function', 1);
  });

  test('a stack that has its own placement keeps it, and pins and inStack() still apply', () => {
    const app = appWith(true);
    const own = new Stack(app, 'own', { env });
    FunctionPlacement.nestedStacks(own, { groups: 2 });
    for (const fn of functions(own, 10)) {
      expect(homeOf(fn).node.id).toBe(hashedGroupId(fn.node.id, 2));
    }
    const other = new Stack(app, 'other', { env });
    const kept = new EventDrivenFunction(other, 'Kept', { ...base, placement: FunctionPlacement.inStack() });
    const pinned = new EventDrivenFunction(other, 'Pinned', { ...base, placement: FunctionPlacement.group('Billing') });
    expect(homeOf(kept)).toBe(other);
    expect(homeOf(pinned).node.id).toBe('FunctionsBilling');
  });

  test('the key is read per stack, so a stage can set its own', () => {
    const app = appWith(undefined);
    const nestedStage = new Stack(app, 'big', { env });
    nestedStage.node.setContext(NESTED_STACKS_CONTEXT_KEY, 4);
    const small = new Stack(app, 'small', { env });
    expect(homeOf(functions(nestedStage, 1)[0]).node.id).toBe(hashedGroupId('Fn0', 4));
    expect(homeOf(functions(small, 1)[0])).toBe(small);
  });

  test.each([0, 201, 2.5, 'yes', '64 groups', { groups: 8 }])('fails when the value is %p, naming the key, the value and what is allowed', (value) => {
    const stack = new Stack(appWith(value), 'orders', { env });
    expect(() => functions(stack, 1)).toThrow(
      /^orders: context @cirrus\/aws:nestedStacks must be true \(64 nested stacks\), false \(none\) or a whole number of nested stacks between 1 and 200 \(got .+\)/,
    );
  });

  test('the error of a stack over 500 resources names the key as a fix', () => {
    const app = appWith(undefined);
    const stack = new Stack(app, 'orders', { env });
    functions(stack, 35);
    expect(() => app.synth()).toThrow(/FunctionPlacement\.nestedStacks\(stack\), called before its first function, or those of every stack of the app with the context key "@cirrus\/aws:nestedStacks": true in cdk\.json/);
  });
});
