/**
 * Wrong types and wrong kinds: one prop of a construct's props, at the top
 * level or nested (an item of a list, a field of a struct, an argument of a
 * Cirrus value such as `Trigger.queue(options)`), replaced with a value of
 * another type or kind: a string where a number goes, one Trigger where a
 * list goes, an EventTopic where an EventQueue goes, a Schedule where a
 * Trigger goes, null, an object, a function.
 *
 * The recipe holds two numbers in [0, 1) that pick the position and the
 * value once the props exist (their shape is only known at build time), so a
 * failing case prints as data and replays with the same seed. The mutation
 * is recorded, so the harness can check that the error names the prop and
 * the value, and can tell what was done when a case breaks the oracle.
 */
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import {
  AlarmTarget, BudgetEnforcement, BudgetThreshold, EdgeOrigin, EdgeRule, EdgeRuleKind, EventBucket, EventBus, EventQueue, EventTopic,
  FunctionAlarms, FunctionCode, FunctionCodeKind, FunctionRuntime, Schedule, ScheduleKind, SecretRef, Trigger, TriggerKind,
} from '../../../index';
import { describeValue } from '../../../lib/core/errors';
import { kindOf } from '../../../lib/core/validation';

/** Where and what: each in [0, 1), scaled to the constructs, positions and candidates found at build time. */
export interface WrongRecipe {
  /** Which construct of the case, when its builder offers several (see CaseContext.wrong). */
  readonly site: number;
  /** Which position of its props. */
  readonly at: number;
  /** Which value of another type or kind. */
  readonly pick: number;
}

/** What a mutation did, for the oracle and the failure message. */
export interface AppliedWrong {
  /** The position, e.g. `triggers[0]→Trigger.queue(options).queue`. */
  readonly path: string;
  /** Names the error must contain: the top-level prop, and the struct field when the position is one. */
  readonly names: string[];
  /** The value put there. */
  readonly value: unknown;
  /** The value it replaced. */
  readonly was: unknown;
}

/** About one case in `every` (FUZZ_WRONG_EVERY, default 4) gets a wrong type, mixed into the suite's own case budget. */
export function wrongRecipe(every = Number(process.env.FUZZ_WRONG_EVERY ?? 4)): fc.Arbitrary<WrongRecipe | undefined> {
  // Unbiased: fast-check's numbers lean towards their bounds, which would pick the first position and value nearly always.
  const unit = fc.noBias(fc.integer({ min: 0, max: 999 })).map((n) => n / 1000);
  const numbers = fc.record({ site: unit, at: unit, pick: unit });
  return every <= 1 ? numbers : fc.oneof({ arbitrary: fc.constant(undefined), weight: every - 1 }, { arbitrary: numbers, weight: 1 });
}

/** How a Cirrus value is made, so one of its arguments can be replaced by rebuilding it through its factory. */
interface Made {
  readonly name: string;
  /** Argument names, for the path (`options`, `percent`, ...). */
  readonly params: string[];
  readonly args: unknown[];
  readonly make: (args: any[]) => unknown;
  /** The index of the first optional argument (null there means "left out", as jsii passes a Python None): none if absent. */
  readonly optionalFrom?: number;
}

function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function madeOf(value: unknown): Made | undefined {
  if (value instanceof Trigger) {
    switch (value.kind) {
      case TriggerKind.HTTP: return { name: 'Trigger.http', params: ['options'], args: [value.httpOptions], make: ([o]) => Trigger.http(o), optionalFrom: 0 };
      case TriggerKind.QUEUE: return { name: 'Trigger.queue', params: ['options'], args: [value.queueOptions], make: ([o]) => Trigger.queue(o), optionalFrom: 0 };
      case TriggerKind.TOPIC: return { name: 'Trigger.topic', params: ['options'], args: [value.topicOptions], make: ([o]) => Trigger.topic(o), optionalFrom: 0 };
      case TriggerKind.EVENT_BUS: return { name: 'Trigger.eventBus', params: ['options'], args: [value.eventBusOptions], make: ([o]) => Trigger.eventBus(o) };
      case TriggerKind.STORAGE: return { name: 'Trigger.storage', params: ['options'], args: [value.storageOptions], make: ([o]) => Trigger.storage(o), optionalFrom: 0 };
      default: return { name: 'Trigger.schedule', params: ['schedule', 'options'], args: [value.scheduleValue, value.scheduleOptions], make: ([s, o]) => Trigger.schedule(s, o), optionalFrom: 1 };
    }
  }
  if (value instanceof Schedule) {
    switch (value.kind) {
      case ScheduleKind.CRON: return { name: 'Schedule.cron', params: ['options'], args: [value.cronOptions], make: ([o]) => Schedule.cron(o) };
      case ScheduleKind.EVERY_MINUTES: return { name: 'Schedule.everyMinutes', params: ['minutes'], args: [value.interval], make: ([n]) => Schedule.everyMinutes(n) };
      default: return { name: 'Schedule.everyHours', params: ['hours'], args: [value.interval], make: ([n]) => Schedule.everyHours(n) };
    }
  }
  if (value instanceof FunctionCode) {
    return value.kind === FunctionCodeKind.INLINE
      ? { name: 'FunctionCode.fromInline', params: ['source'], args: [value.inlineSource], make: ([s]) => FunctionCode.fromInline(s) }
      : { name: 'FunctionCode.fromAsset', params: ['assetPath'], args: [value.assetPath], make: ([p]) => FunctionCode.fromAsset(p) };
  }
  if (value instanceof FunctionAlarms) {
    return value.enabled ? { name: 'FunctionAlarms.defaults', params: ['options'], args: [value.options], make: ([o]) => FunctionAlarms.defaults(o), optionalFrom: 0 } : undefined;
  }
  if (value instanceof AlarmTarget) {
    return value.emailAddress !== undefined
      ? { name: 'AlarmTarget.email', params: ['address'], args: [value.emailAddress], make: ([a]) => AlarmTarget.email(a) }
      : { name: 'AlarmTarget.channel', params: ['channel'], args: [value.alarmChannel], make: ([c]) => AlarmTarget.channel(c) };
  }
  if (value instanceof SecretRef) {
    const options = defined({ keyVaultName: value.keyVaultName, keyVaultResourceGroupName: value.keyVaultResourceGroupName });
    return { name: 'SecretRef.fromName', params: ['name', 'options'], args: [value.secretName, options], make: ([n, o]) => SecretRef.fromName(n, o), optionalFrom: 1 };
  }
  if (value instanceof BudgetThreshold) {
    const actual = value.basis === 'actual';
    return { name: `BudgetThreshold.${actual ? 'actual' : 'forecasted'}`, params: ['percent'], args: [value.percent], make: ([p]) => (actual ? BudgetThreshold.actual(p) : BudgetThreshold.forecasted(p)) };
  }
  if (value instanceof BudgetEnforcement) {
    return value.atPercent === undefined ? undefined
      : { name: 'BudgetEnforcement.stopFunctions', params: ['functions', 'atPercent'], args: [value.functions, value.atPercent], make: ([f, p]) => BudgetEnforcement.stopFunctions(f, p), optionalFrom: 1 };
  }
  if (value instanceof EdgeOrigin) {
    return value.url !== undefined
      ? { name: 'EdgeOrigin.fromUrl', params: ['url'], args: [value.url], make: ([u]) => EdgeOrigin.fromUrl(u) }
      : { name: 'EdgeOrigin.fromFunction', params: ['originFunction'], args: [value.originFunction], make: ([f]) => EdgeOrigin.fromFunction(f) };
  }
  if (value instanceof EdgeRule) {
    switch (value.kind) {
      case EdgeRuleKind.SET_REQUEST_HEADER: return { name: 'EdgeRule.setRequestHeader', params: ['name', 'value'], args: [value.headerName, value.headerValue], make: ([n, v]) => EdgeRule.setRequestHeader(n, v) };
      case EdgeRuleKind.SET_RESPONSE_HEADER: return { name: 'EdgeRule.setResponseHeader', params: ['name', 'value'], args: [value.headerName, value.headerValue], make: ([n, v]) => EdgeRule.setResponseHeader(n, v) };
      case EdgeRuleKind.REMOVE_RESPONSE_HEADER: return { name: 'EdgeRule.removeResponseHeader', params: ['name'], args: [value.headerName], make: ([n]) => EdgeRule.removeResponseHeader(n) };
      case EdgeRuleKind.REDIRECT: return { name: 'EdgeRule.redirect', params: ['fromPath', 'toUrl', 'statusCode'], args: [value.fromPath, value.toUrl, value.statusCode], make: ([f, t, c]) => EdgeRule.redirect(f, t, c), optionalFrom: 2 };
      default: return { name: 'EdgeRule.rewritePath', params: ['fromPrefix', 'toPrefix'], args: [value.fromPrefix, value.toPrefix], make: ([f, t]) => EdgeRule.rewritePath(f, t) };
    }
  }
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && [Object.prototype, null].includes(Object.getPrototypeOf(value));
}

/** One place a wrong value can go. */
interface Position {
  readonly path: string;
  readonly names: string[];
  readonly current: unknown;
  /** Whether it is an optional argument of a factory (where null means "left out", like undefined). */
  readonly optionalArgument: boolean;
  /** The props with this position replaced. */
  readonly replace: (value: unknown) => unknown;
}

function positions(value: unknown, path: string, names: string[], replace: (v: unknown) => unknown, optionalArgument: boolean, out: Position[], depth: number): void {
  if (value === undefined) {
    return;
  }
  out.push({ path, names, current: value, replace, optionalArgument });
  if (depth >= 5 || Construct.isConstruct(value)) {
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => positions(item, `${path}[${i}]`, names, (v) => replace(value.map((x, j) => (j === i ? v : x))), false, out, depth + 1));
  } else if (isPlainObject(value)) {
    for (const key of Object.keys(value)) {
      positions(value[key], `${path}.${key}`, [names[0], key], (v) => replace({ ...value, [key]: v }), false, out, depth + 1);
    }
  } else {
    const made = madeOf(value);
    made?.args.forEach((arg, i) => positions(arg, `${path}→${made.name}(${made.params[i]})`, names, (v) => replace(made.make(made.args.map((a, j) => (j === i ? v : a)))), made.optionalFrom !== undefined && i >= made.optionalFrom, out, depth + 1));
  }
}

/** Values of every type and kind; those of the current value's own type or kind are left out when one is picked. */
function candidates(scope: Construct, current: unknown, optionalArgument: boolean): Array<() => unknown> {
  const lazy = new Map<string, unknown>();
  const construct = (id: string, make: () => unknown) => () => {
    if (!lazy.has(id)) {
      lazy.set(id, scope.node.tryFindChild(id) ?? make());
    }
    return lazy.get(id);
  };
  const all: Array<[string, () => unknown]> = [
    ['string', () => '5'],
    ['string', () => 'x'],
    ['number', () => 5],
    ['number', () => 0],
    ['boolean', () => true],
    ['null', () => null],
    ['array', () => []],
    ['array', () => [current]],
    ['object', () => ({})],
    ['object', () => ({ value: current })],
    ['function', () => function wrong() { return current; }],
    ['Trigger', () => Trigger.queue()],
    ['Schedule', () => Schedule.everyMinutes(5)],
    ['FunctionRuntime', () => FunctionRuntime.NODEJS_22],
    ['FunctionCode', () => FunctionCode.fromInline('exports.handler = async () => 1;')],
    ['BudgetThreshold', () => BudgetThreshold.actual(80)],
    ['EdgeRule', () => EdgeRule.removeResponseHeader('x-powered-by')],
    ['SecretRef', () => SecretRef.fromName('db')],
    ['AlarmTarget', () => AlarmTarget.email('ops@example.com')],
    ['EventTopic', construct('WrongTopic', () => new EventTopic(scope, 'WrongTopic'))],
    ['EventQueue', construct('WrongQueue', () => new EventQueue(scope, 'WrongQueue'))],
    ['EventBus', construct('WrongBus', () => new EventBus(scope, 'WrongBus'))],
    ['EventBucket', construct('WrongBucket', () => new EventBucket(scope, 'WrongBucket'))],
  ];
  if (Array.isArray(current) && current.length > 0) {
    // One item where a list goes: `triggers: Trigger.queue()`.
    all.push(['item', () => current[0]]);
  }
  const own = typeOf(current);
  return all.filter(([type]) => type !== own && !(optionalArgument && type === 'null')).map(([, make]) => make);
}

/** The type or Cirrus kind of a value, in the terms of `candidates`. */
function typeOf(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'array';
  }
  const kind = kindOf(value);
  if (kind) {
    return kind;
  }
  return isPlainObject(value) ? 'object' : typeof value;
}

/**
 * Replaces one position of `props` (picked by `recipe.at`) with a value of
 * another type or kind (picked by `recipe.pick`); wrong-kind constructs are
 * made in `scope`. Returns the new props and what was done.
 */
export function applyWrong<T>(scope: Construct, props: T, recipe: WrongRecipe): { props: T; applied?: AppliedWrong } {
  const found: Position[] = [];
  for (const key of Object.keys(props as object)) {
    const value = (props as Record<string, unknown>)[key];
    positions(value, key, [key], (v) => ({ ...(props as object), [key]: v }), false, found, 0);
  }
  if (found.length === 0) {
    return { props };
  }
  const position = found[Math.floor(recipe.at * found.length)];
  const options = candidates(scope, position.current, position.optionalArgument);
  const value = options[Math.floor(recipe.pick * options.length)]();
  return { props: position.replace(value) as T, applied: { path: position.path, names: position.names, value, was: position.current } };
}

/** Whether an error message names what a mutation broke: its prop (and field) and the value put there. */
export function namesTheMistake(message: string, applied: AppliedWrong): boolean {
  return applied.names.every((n) => message.includes(n)) && message.includes(describeValue(applied.value));
}

/** The mutation as text, for failure messages. */
export function describeWrong(applied: AppliedWrong): string {
  return `${applied.path} = ${describeValue(applied.value)} (was ${describeValue(applied.was)})`;
}
