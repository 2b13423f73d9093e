import { IConstruct } from 'constructs';
import { CLOUD_LABEL, CloudProvider } from './cloud-provider';
import { describeValue, ProblemCollector } from './errors';
import { isUnresolved } from './tokens';
import { given, isNumberToken, isStruct, kindOf, markKind } from './validation';

/**
 * A shared set of alarm recipients (an AlarmChannel) that functions notify
 * through `AlarmTarget.channel(channel)`.
 */
export interface IAlarmChannel extends IConstruct {
  /** The cloud of the channel. */
  readonly provider: CloudProvider;
  /** The email addresses the channel notifies. */
  readonly emailAddresses: string[];
}

/**
 * Thresholds of a function's alarms. Each alarm fires when its signal
 * reaches the threshold within one period.
 */
export interface FunctionAlarmOptions {
  /**
   * Failed invocations in one period that raise the errors alarm.
   * @default 1
   */
  readonly errorsThreshold?: number;
  /**
   * Throttled invocations in one period that raise the throttles alarm (AWS:
   * Lambda throttles; GCP: requests Cloud Run rejected with HTTP 429 for want
   * of an instance). Azure publishes no throttling signal for Flex
   * Consumption apps: setting it there adds a warning.
   * @default 1
   */
  readonly throttlesThreshold?: number;
  /**
   * The duration alarm fires when the slowest invocations (AWS and GCP: p99;
   * Azure: the maximum) take this percentage of `timeoutSeconds` or more.
   * @default 80
   */
  readonly durationPercentOfTimeout?: number;
  /**
   * Messages waiting in a dead-letter queue (or dead-letter subscription) of
   * the function's triggers that raise its dead-letter alarm.
   * @default 1
   */
  readonly deadLetterThreshold?: number;
  /**
   * The period each alarm evaluates, in seconds: 60, 300, 900, 1800 or 3600.
   * @default 300
   */
  readonly periodSeconds?: number;
}

/**
 * Which alarms a function gets: `FunctionAlarms.defaults()` (the default,
 * thresholds overridable) or `FunctionAlarms.none()`.
 */
export class FunctionAlarms {
  /**
   * Alarms on errors, throttles (where the cloud has them), duration near
   * the timeout and dead letters of the function's triggers.
   *
   * @param options thresholds that differ from the defaults
   */
  public static defaults(options?: FunctionAlarmOptions): FunctionAlarms {
    return new FunctionAlarms(true, options ?? {});
  }

  /** No alarms: opt out of the defaults. */
  public static none(): FunctionAlarms {
    return new FunctionAlarms(false, {});
  }

  /** Whether the function gets alarms. */
  public readonly enabled: boolean;

  /** The thresholds given (defaults applied later). */
  public readonly options: FunctionAlarmOptions;

  private constructor(enabled: boolean, options: FunctionAlarmOptions) {
    this.enabled = enabled;
    // Options that are not an object are kept as given, for the function to report with its construct path.
    this.options = isStruct(options) ? { ...options } : options;
  }
}

/**
 * What an AlarmTarget is.
 */
export enum AlarmTargetKind {
  /** An email address. */
  EMAIL = 'email',
  /** A shared AlarmChannel. */
  CHANNEL = 'channel',
}

/**
 * Who an alarm notifies: an email address or a shared AlarmChannel.
 */
export class AlarmTarget {
  /**
   * Notify one email address (AWS: an SNS email subscription, which the
   * recipient confirms; Azure: an action group email receiver; GCP: an
   * email notification channel).
   *
   * @param address the email address
   */
  public static email(address: string): AlarmTarget {
    return new AlarmTarget(AlarmTargetKind.EMAIL, address, undefined);
  }

  /**
   * Notify everyone on a shared AlarmChannel of the same stack.
   *
   * @param channel the channel
   */
  public static channel(channel: IAlarmChannel): AlarmTarget {
    return new AlarmTarget(AlarmTargetKind.CHANNEL, undefined, channel);
  }

  /** An email address or a channel. */
  public readonly kind: AlarmTargetKind;

  /** The email address, for AlarmTargetKind.EMAIL. */
  public readonly emailAddress?: string;

  /** The channel, for AlarmTargetKind.CHANNEL. */
  public readonly alarmChannel?: IAlarmChannel;

  private constructor(kind: AlarmTargetKind, emailAddress: string | undefined, alarmChannel: IAlarmChannel | undefined) {
    this.kind = kind;
    this.emailAddress = emailAddress;
    this.alarmChannel = alarmChannel;
  }
}

/** The periods every cloud can evaluate (CloudWatch periods, Azure window sizes, GCP alignment periods). */
export const ALARM_PERIODS = [60, 300, 900, 1800, 3600];

/** A function's alarms validated for one cloud, with every default applied. */
export interface FunctionAlarmSpec {
  readonly errorsThreshold: number;
  /** Undefined where the cloud has no throttling signal (Azure). */
  readonly throttlesThreshold?: number;
  readonly durationPercentOfTimeout: number;
  /** The duration threshold in milliseconds; undefined when the timeout is a token. */
  readonly durationThresholdMs?: number;
  readonly deadLetterThreshold: number;
  readonly periodSeconds: number;
  /** Email addresses notified through the function's own channel. */
  readonly emails: string[];
  /** Shared channels notified. */
  readonly channels: IAlarmChannel[];
}

/** The notification limit of one alarm, per cloud. */
const MAX_ACTIONS: Record<CloudProvider, { limit: number; what: string }> = {
  [CloudProvider.AWS]: { limit: 5, what: 'SNS topics (alarm actions) per CloudWatch alarm; the function\'s own emails share one topic' },
  [CloudProvider.AZURE]: { limit: 5, what: 'action groups per metric alert; the function\'s own emails share one action group' },
  [CloudProvider.GCP]: { limit: 16, what: 'notification channels per alert policy, one per email address' },
  // The local run has no alarms (they are a cloud's monitoring): the most any cloud allows.
  [CloudProvider.LOCAL]: { limit: 16, what: 'notification targets per alarm (the local run prints alarms, it does not send them)' },
};

const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

/** Checks a list of email addresses: valid, unique. */
export function checkEmails(problems: ProblemCollector, prop: string, emails: string[]): void {
  emails.forEach((e, i) => {
    if (typeof e !== 'string' || (!isUnresolved(e) && !EMAIL.test(e))) {
      problems.invalid(`${prop}[${i}]`, 'must be an email address', e);
    }
  });
  if (new Set(emails).size !== emails.length) {
    problems.invalid(prop, 'must not repeat an address', emails);
  }
}

function checkCount(problems: ProblemCollector, prop: string, value: unknown): void {
  if (value === undefined || isNumberToken(value)) {
    return;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    problems.invalid(prop, 'must be a whole number of at least 1', value);
  }
}

/** The alarm props as lib/core reads them. */
export interface AlarmInput {
  readonly alarms?: FunctionAlarms;
  readonly notify?: AlarmTarget[];
}

/**
 * Validates a function's `alarms` and `notify` for one cloud and applies the
 * defaults. Problems go to `problems`; warnings (best-effort options) to
 * `warnings`. Returns undefined when the function has no alarms.
 */
export function buildAlarmSpec(
  cloud: CloudProvider, input: AlarmInput, timeoutSeconds: number, problems: ProblemCollector, warnings: string[],
): FunctionAlarmSpec | undefined {
  const label = CLOUD_LABEL[cloud];
  const alarms = given(input.alarms, FunctionAlarms.defaults());
  if (!(alarms instanceof FunctionAlarms)) {
    problems.invalid('alarms', 'must be made with FunctionAlarms.defaults or FunctionAlarms.none', alarms);
    return undefined;
  }
  if (!isStruct(alarms.options as unknown)) {
    problems.invalid('alarms', 'must be FunctionAlarms.defaults() or FunctionAlarms.defaults({ ... }) with an object of thresholds, e.g. { errorsThreshold: 5 }', alarms.options);
    return undefined;
  }

  const notify = input.notify;
  const emails: string[] = [];
  const channels: IAlarmChannel[] = [];
  if (notify !== undefined) {
    if (!Array.isArray(notify)) {
      problems.invalid('notify', 'must be an array of AlarmTarget, e.g. [AlarmTarget.email("ops@example.com")]', notify);
    } else if (notify.length === 0) {
      problems.add('notify is empty: give AlarmTarget.email or AlarmTarget.channel targets, or leave it out');
    } else {
      notify.forEach((t, i) => {
        if (!(t instanceof AlarmTarget)) {
          problems.invalid(`notify[${i}]`, 'must be made with AlarmTarget.email or AlarmTarget.channel', t);
        } else if (t.kind === AlarmTargetKind.EMAIL) {
          emails.push(t.emailAddress as string);
        } else if (kindOf(t.alarmChannel) !== 'AlarmChannel') {
          problems.invalid(`notify[${i}]`, 'must be AlarmTarget.channel(channel) with an AlarmChannel', t.alarmChannel);
        } else if (t.alarmChannel) {
          if (channels.includes(t.alarmChannel)) {
            problems.add(`notify[${i}] repeats the channel ${t.alarmChannel.node.path}`);
          } else if (t.alarmChannel.provider !== cloud) {
            problems.add(`notify[${i}] channel ${t.alarmChannel.node.path} is on ${CLOUD_LABEL[t.alarmChannel.provider]}, not ${label}`);
          }
          channels.push(t.alarmChannel);
        }
      });
      checkEmails(problems, 'notify emails', emails);
    }
    if (!alarms.enabled) {
      problems.add('notify is set but alarms is FunctionAlarms.none(): there is nothing to notify about; remove notify or the opt-out');
    }
  }
  if (!alarms.enabled) {
    return undefined;
  }

  const o: FunctionAlarmOptions = alarms.options;
  checkCount(problems, 'alarms.errorsThreshold', o.errorsThreshold);
  checkCount(problems, 'alarms.throttlesThreshold', o.throttlesThreshold);
  checkCount(problems, 'alarms.deadLetterThreshold', o.deadLetterThreshold);
  const percent = given(o.durationPercentOfTimeout, 80);
  if (!isNumberToken(percent) && !(typeof percent === 'number' && Number.isInteger(percent) && percent >= 1 && percent <= 100)) {
    problems.invalid('alarms.durationPercentOfTimeout', 'must be a whole percentage from 1 to 100', percent);
  }
  const period = given(o.periodSeconds, 300);
  if (isNumberToken(period)) {
    problems.add('alarms.periodSeconds cannot be an unresolved token: it is translated into each cloud\'s period or window at synth time');
  } else if (!ALARM_PERIODS.includes(period)) {
    problems.invalid('alarms.periodSeconds', `must be one of ${ALARM_PERIODS.join(', ')}, the periods every cloud can evaluate`, period);
  }
  if (cloud === CloudProvider.AZURE && o.throttlesThreshold !== undefined) {
    warnings.push('alarms.throttlesThreshold has no alarm on Azure: Flex Consumption publishes no throttling metric, so only errors, duration and dead letters are watched');
  }

  const actions = channels.length + (emails.length > 0 ? 1 : 0);
  const count = cloud === CloudProvider.GCP
    ? emails.length + channels.reduce((n, c) => n + c.emailAddresses.length, 0)
    : actions;
  const max = MAX_ACTIONS[cloud];
  if (count > max.limit) {
    problems.add(`notify gives ${count} ${cloud === CloudProvider.GCP ? 'notification channels' : 'notification targets'}; ${label} allows at most ${max.limit} ${max.what}`);
  }
  if (notify === undefined && cloud !== CloudProvider.LOCAL) {
    warnings.push('alarms notify nobody: they are created, but add notify: [AlarmTarget.email(...)] or AlarmTarget.channel(channel) to be told when they fire');
  }

  const durationThresholdMs = isUnresolved(timeoutSeconds) || isUnresolved(percent) ? undefined : Math.round(timeoutSeconds * 1000 * percent / 100);
  return {
    errorsThreshold: o.errorsThreshold ?? 1,
    throttlesThreshold: cloud === CloudProvider.AZURE ? undefined : (o.throttlesThreshold ?? 1),
    durationPercentOfTimeout: percent,
    durationThresholdMs,
    deadLetterThreshold: o.deadLetterThreshold ?? 1,
    periodSeconds: period,
    emails,
    channels,
  };
}

/** A shared alarm channel validated for one cloud. */
export interface AlarmChannelSpec {
  readonly cloud: CloudProvider;
  readonly constructPath: string;
  readonly emails: string[];
}

/** Validates the targets of an AlarmChannel: email addresses only, at least one. */
export function buildAlarmChannelSpec(cloud: CloudProvider, constructPath: string, targets: AlarmTarget[] | undefined): AlarmChannelSpec {
  const problems = new ProblemCollector();
  const emails: string[] = [];
  if (!Array.isArray(targets)) {
    problems.invalid('targets', 'must be an array of AlarmTarget, e.g. [AlarmTarget.email("ops@example.com")]', targets);
  } else if (targets.length === 0) {
    problems.add('targets is empty: give at least one AlarmTarget.email(address)');
  } else {
    targets.forEach((t, i) => {
      if (!(t instanceof AlarmTarget)) {
        problems.invalid(`targets[${i}]`, 'must be made with AlarmTarget.email', t);
      } else if (t.kind !== AlarmTargetKind.EMAIL) {
        problems.add(`targets[${i}] is a channel (${kindOf(t.alarmChannel) === 'AlarmChannel' ? t.alarmChannel!.node.path : describeValue(t.alarmChannel)}); a channel holds email addresses, not other channels: list the addresses`);
      } else {
        emails.push(t.emailAddress as string);
      }
    });
    checkEmails(problems, 'targets emails', emails);
    if (cloud === CloudProvider.GCP && emails.length > MAX_ACTIONS[CloudProvider.GCP].limit) {
      problems.add(`targets has ${emails.length} addresses; a GCP alert policy notifies at most ${MAX_ACTIONS[CloudProvider.GCP].limit} notification channels (one per address)`);
    }
  }
  problems.throwIfAny(constructPath);
  return { cloud, constructPath, emails };
}

markKind(FunctionAlarms, 'FunctionAlarms');
markKind(AlarmTarget, 'AlarmTarget');
