import { CLOUD_LABEL, CloudProvider } from './cloud-provider';
import { describeValue } from './errors';
import { CronOptions, Schedule, ScheduleKind } from './schedule';
import { checkTimeZone } from './time-zone';
import { isUnresolved } from './tokens';
import { given, isStruct } from './validation';

/** One item of a cron field: a single value, a range, or a stepped range. */
interface CronItem {
  readonly from: number;
  readonly to: number;
  readonly step?: number;
  /** `*` or `*\/n`: the whole range. */
  readonly wildcard: boolean;
  /** `a/n` without an end: from a to the field's maximum. */
  readonly openEnded: boolean;
}

/** A parsed field: undefined items means unrestricted (`*` or `?`). */
interface CronField {
  readonly items?: CronItem[];
}

interface FieldRule {
  readonly prop: keyof ParsedCron;
  readonly min: number;
  readonly max: number;
  readonly names?: string[];
  readonly allowStep: boolean;
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const RULES: FieldRule[] = [
  { prop: 'minute', min: 0, max: 59, allowStep: true },
  { prop: 'hour', min: 0, max: 23, allowStep: true },
  { prop: 'day', min: 1, max: 31, allowStep: true },
  { prop: 'month', min: 1, max: 12, names: MONTH_NAMES, allowStep: true },
  // EventBridge rejects steps in day-of-week, so no cloud gets them.
  { prop: 'weekDay', min: 0, max: 6, names: DAY_NAMES, allowStep: false },
];

/** A cron schedule parsed and checked, ready to render for any cloud. */
export interface ParsedCron {
  readonly minute: CronField;
  readonly hour: CronField;
  readonly day: CronField;
  readonly month: CronField;
  readonly weekDay: CronField;
}

function parseValue(text: string, rule: FieldRule): number | undefined {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return n >= rule.min && n <= rule.max ? n : undefined;
  }
  const index = rule.names?.indexOf(text.toUpperCase()) ?? -1;
  if (index < 0) {
    return undefined;
  }
  return rule.names === MONTH_NAMES ? index + 1 : index;
}

function allowedText(rule: FieldRule): string {
  const names = rule.names ? ` or ${rule.names[0]}-${rule.names[rule.names.length - 1]}` : '';
  const step = rule.allowStep ? ', a step */n or a/n' : '';
  return `*, a value ${rule.min}-${rule.max}${names}, a range a-b, a list a,b${step}`;
}

function parseItem(text: string, rule: FieldRule): CronItem | string {
  const [base, stepText, extra] = text.split('/');
  if (extra !== undefined) {
    return 'has more than one "/"';
  }
  let step: number | undefined;
  if (stepText !== undefined) {
    if (!rule.allowStep) {
      return 'cannot have a step: EventBridge does not support steps in the day of the week';
    }
    step = /^\d+$/.test(stepText) ? Number(stepText) : NaN;
    if (!(step >= 1 && step <= rule.max)) {
      return `has step "${stepText}", which must be a whole number from 1 to ${rule.max}`;
    }
  }
  if (base === '*' || base === '?') {
    return { from: rule.min, to: rule.max, step, wildcard: true, openEnded: false };
  }
  const bounds = base.split('-');
  if (bounds.length > 2) {
    return `has "${base}", which is not a value or a range`;
  }
  if (bounds.length === 2 && step !== undefined) {
    return 'combines a range with a step, which not every cloud expresses the same way: use */n or a/n';
  }
  const from = parseValue(bounds[0], rule);
  const to = bounds.length === 2 ? parseValue(bounds[1], rule) : from;
  if (from === undefined || to === undefined) {
    return `has "${base}" outside ${rule.min}-${rule.max}`;
  }
  if (from > to) {
    return `has the range "${base}" running backwards; write it as a list`;
  }
  return { from, to, step, wildcard: false, openEnded: step !== undefined };
}

/**
 * Parses and checks a cron schedule; problems are reported through `report`
 * as `prop ... (got value)` sentences, and a schedule that is valid but
 * never (or rarely) fires, or an aliased time zone, through `warn`.
 */
export function parseCron(options: CronOptions, propPrefix: string, report: (problem: string) => void, warn: (warning: string) => void = () => undefined): ParsedCron | undefined {
  if (!isStruct(options)) {
    report(`${propPrefix} must be made with Schedule.cron({ minute, hour, day, month, weekDay, timeZone }), whose options are an object of strings (got ${describeValue(options)})`);
    return undefined;
  }
  const fields: Partial<Record<keyof ParsedCron, CronField>> = {};
  let ok = true;
  for (const rule of RULES) {
    const raw: unknown = given(options[rule.prop], '*');
    if (isUnresolved(raw)) {
      report(`${propPrefix}.${rule.prop} cannot be an unresolved token: the expression is translated for each cloud at synth time`);
      ok = false;
      continue;
    }
    if (typeof raw !== 'string') {
      report(`${propPrefix}.${rule.prop} must be a string of ${allowedText(rule)}, e.g. "${rule.prop === 'weekDay' ? 'MON-FRI' : rule.min}" (got ${describeValue(raw)})`);
      ok = false;
      continue;
    }
    const text = raw.trim();
    if (text === '*' || text === '?') {
      fields[rule.prop] = {};
      continue;
    }
    const items: CronItem[] = [];
    for (const part of text.split(',')) {
      const item = parseItem(part.trim(), rule);
      if (typeof item === 'string') {
        report(`${propPrefix}.${rule.prop} ${item}; allowed: ${allowedText(rule)} (got ${JSON.stringify(raw)})`);
        ok = false;
        break;
      }
      items.push(item);
    }
    fields[rule.prop] = { items };
  }
  const zone = checkTimeZone(`${propPrefix}.timeZone`, given(options.timeZone, 'UTC'));
  if (zone.problem) {
    report(zone.problem);
    ok = false;
  }
  const { minute, hour, day, month, weekDay } = fields;
  if (!ok || !minute || !hour || !day || !month || !weekDay) {
    return undefined;
  }
  const parsed: ParsedCron = { minute, hour, day, month, weekDay };
  if (day.items && weekDay.items) {
    report(`${propPrefix} cannot restrict both day and weekDay: EventBridge does not support it and cron reads it as "either" (got day ${JSON.stringify(options.day)}, weekDay ${JSON.stringify(options.weekDay)})`);
    return undefined;
  }
  if (zone.warning) {
    warn(zone.warning);
  }
  const rarely = dayMonthWarning(parsed, options);
  if (rarely) {
    warn(`${propPrefix} ${rarely}`);
  }
  return parsed;
}

/** The values a field matches (every value of the field when unrestricted). */
function valuesOf(field: CronField, rule: FieldRule): number[] {
  const out = new Set<number>();
  for (const item of field.items ?? [{ from: rule.min, to: rule.max, wildcard: true, openEnded: false }]) {
    const to = item.wildcard || item.openEnded ? rule.max : item.to;
    for (let n = item.from; n <= to; n += item.step ?? 1) {
      out.add(n);
    }
  }
  return [...out].sort((a, b) => a - b);
}

/** Days in each month; February's 29th comes only in leap years. */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Why a day/month combination never fires (day 30 or 31 in February only,
 * day 31 only in 30-day months), or fires only in leap years (29 February),
 * or undefined when it fires every year. A cloud accepts such an expression
 * and simply never runs it, so this is a warning, not an error.
 */
function dayMonthWarning(cron: ParsedCron, options: CronOptions): string | undefined {
  if (!cron.day.items) {
    return undefined;
  }
  const days = valuesOf(cron.day, ruleFor('day'));
  const months = valuesOf(cron.month, ruleFor('month'));
  const got = `(got day ${JSON.stringify(options.day)}, month ${JSON.stringify(options.month ?? '*')})`;
  const names = months.map((m) => MONTH_NAMES[m - 1]).join(', ');
  if (!months.some((m) => days.some((d) => d <= MONTH_DAYS[m - 1]))) {
    return `never fires: no month it names (${names}) has day ${days.join(', ')} ${got}`;
  }
  if (!months.some((m) => days.some((d) => d <= MONTH_DAYS[m - 1] && !(m === 2 && d === 29)))) {
    return `fires only in leap years: 29 February is the only day it names ${got}`;
  }
  return undefined;
}

type ItemStyle = 'eventbridge' | 'unix';

function renderItem(item: CronItem, rule: FieldRule, style: ItemStyle, useNames: boolean): string {
  const show = (n: number) => (useNames && rule.names ? rule.names[rule.names === MONTH_NAMES ? n - 1 : n] : String(n));
  if (item.wildcard) {
    if (item.step === undefined) {
      return '*';
    }
    return style === 'eventbridge' ? `${rule.min}/${item.step}` : `*/${item.step}`;
  }
  if (item.openEnded) {
    return style === 'eventbridge' ? `${show(item.from)}/${item.step}` : `${show(item.from)}-${show(rule.max)}/${item.step}`;
  }
  return item.from === item.to ? show(item.from) : `${show(item.from)}-${show(item.to)}`;
}

function renderField(field: CronField, rule: FieldRule, style: ItemStyle, useNames: boolean, unrestricted: string): string {
  if (!field.items) {
    return unrestricted;
  }
  return field.items.map((i) => renderItem(i, rule, style, useNames)).join(',');
}

function ruleFor(prop: keyof CronOptions): FieldRule {
  return RULES.find((r) => r.prop === prop)!;
}

/** EventBridge Scheduler: `cron(min hour dom month dow year)`, week days by name. */
export function toEventBridgeCron(cron: ParsedCron): string {
  const weekDayRestricted = cron.weekDay.items !== undefined;
  const parts = [
    renderField(cron.minute, ruleFor('minute'), 'eventbridge', false, '*'),
    renderField(cron.hour, ruleFor('hour'), 'eventbridge', false, '*'),
    weekDayRestricted ? '?' : renderField(cron.day, ruleFor('day'), 'eventbridge', false, '*'),
    renderField(cron.month, ruleFor('month'), 'eventbridge', false, '*'),
    weekDayRestricted ? renderField(cron.weekDay, ruleFor('weekDay'), 'eventbridge', true, '?') : '?',
    '*',
  ];
  return `cron(${parts.join(' ')})`;
}

/** Five-field unix cron, as Cloud Scheduler reads it: `min hour dom month dow`. */
export function toUnixCron(cron: ParsedCron): string {
  return [
    renderField(cron.minute, ruleFor('minute'), 'unix', false, '*'),
    renderField(cron.hour, ruleFor('hour'), 'unix', false, '*'),
    renderField(cron.day, ruleFor('day'), 'unix', false, '*'),
    renderField(cron.month, ruleFor('month'), 'unix', false, '*'),
    renderField(cron.weekDay, ruleFor('weekDay'), 'unix', false, '*'),
  ].join(' ');
}

/** Azure NCRONTAB, six fields with seconds first: `0 min hour dom month dow`. */
export function toNcrontab(cron: ParsedCron): string {
  return `0 ${toUnixCron(cron)}`;
}

function divides(n: number, whole: number): boolean {
  return Number.isInteger(n) && n >= 1 && whole % n === 0;
}

/**
 * Checks a schedule for one cloud and returns its expression there, or
 * undefined after reporting why the cloud cannot express it.
 */
export function scheduleExpressionFor(
  cloud: CloudProvider, schedule: Schedule, prop: string, report: (problem: string) => void, warn: (warning: string) => void = () => undefined,
): string | undefined {
  const label = CLOUD_LABEL[cloud];
  if (!(schedule instanceof Schedule)) {
    report(`${prop} must be a Schedule made with Schedule.cron, Schedule.everyMinutes or Schedule.everyHours (got ${describeValue(schedule)})`);
    return undefined;
  }
  if (schedule.kind === ScheduleKind.CRON) {
    const parsed = parseCron(given(schedule.cronOptions, {}), prop, report, warn);
    if (!parsed) {
      return undefined;
    }
    if (cloud === CloudProvider.AZURE && schedule.timeZone !== 'UTC') {
      report(`${prop}.timeZone must be "UTC" on Azure: Flex Consumption apps run on Linux, where timer triggers ignore WEBSITE_TIME_ZONE (got ${JSON.stringify(schedule.timeZone)})`);
      return undefined;
    }
    switch (cloud) {
      case CloudProvider.AWS: return toEventBridgeCron(parsed);
      case CloudProvider.AZURE: return toNcrontab(parsed);
      default: return toUnixCron(parsed);
    }
  }
  const n: unknown = schedule.interval;
  if (isUnresolved(n)) {
    report(`${prop} interval cannot be an unresolved token: it is translated for each cloud at synth time`);
    return undefined;
  }
  const minutes = schedule.kind === ScheduleKind.EVERY_MINUTES;
  const unit = minutes ? 'minute' : 'hour';
  const whole = minutes ? 60 : 24;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > (minutes ? 525600 : 8760)) {
    report(`${prop} must fire every whole number of ${unit}s, at least 1 (got ${describeValue(n)})`);
    return undefined;
  }
  if (cloud === CloudProvider.AWS) {
    return `rate(${n} ${unit}${n === 1 ? '' : 's'})`;
  }
  if (!divides(n, whole)) {
    const options = Array.from({ length: whole }, (_, i) => i + 1).filter((d) => whole % d === 0);
    report(`${prop} every ${n} ${unit}s cannot be expressed exactly on ${label}, which schedules with cron: use one of ${options.join(', ')} (got ${n})`);
    return undefined;
  }
  const step = n === 1 ? '*' : `*/${n}`;
  const unix = minutes ? `${step} * * * *` : `0 ${step} * * *`;
  return cloud === CloudProvider.AZURE ? `0 ${unix}` : unix;
}
