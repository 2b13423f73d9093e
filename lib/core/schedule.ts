import { markKind } from './validation';

/**
 * The fields of a cron schedule. Each field takes `*`, a value, a range
 * `a-b`, a list `a,b,c` or a step `*\/n` / `a/n`. Months take 1-12 or
 * JAN-DEC; week days take 0-6 (0 = Sunday) or SUN-SAT.
 */
export interface CronOptions {
  /**
   * Minute of the hour, 0-59.
   * @default '*'
   */
  readonly minute?: string;
  /**
   * Hour of the day, 0-23.
   * @default '*'
   */
  readonly hour?: string;
  /**
   * Day of the month, 1-31. Cannot be restricted together with `weekDay`.
   * @default '*'
   */
  readonly day?: string;
  /**
   * Month, 1-12 or JAN-DEC.
   * @default '*'
   */
  readonly month?: string;
  /**
   * Day of the week, 0-6 (0 = Sunday) or SUN-SAT, e.g. `MON-FRI`.
   * @default '*'
   */
  readonly weekDay?: string;
  /**
   * IANA time zone the fields are read in, e.g. `Europe/Paris`: a name of
   * the tz database that the Node.js runtime knows, in its own case.
   * Aliases such as `US/Eastern` work, with a warning naming the canonical
   * zone. Azure Functions on Linux only evaluates timers in UTC.
   * @default 'UTC'
   */
  readonly timeZone?: string;
}

/**
 * How a Schedule is expressed.
 */
export enum ScheduleKind {
  /** Every n minutes. */
  EVERY_MINUTES = 'every-minutes',
  /** Every n hours. */
  EVERY_HOURS = 'every-hours',
  /** A cron expression. */
  CRON = 'cron',
}

/**
 * When a scheduled trigger fires, translated exactly into EventBridge
 * Scheduler, Azure NCRONTAB and Cloud Scheduler expressions.
 *
 * Values are checked when the owning construct is built, so errors name it.
 */
export class Schedule {
  /**
   * Fires every `minutes` minutes. Azure and GCP express this as cron, so
   * there `minutes` must divide 60.
   *
   * @param minutes interval in minutes
   */
  public static everyMinutes(minutes: number): Schedule {
    return new Schedule(ScheduleKind.EVERY_MINUTES, minutes, undefined);
  }

  /**
   * Fires every `hours` hours, on the hour. Azure and GCP express this as
   * cron, so there `hours` must divide 24.
   *
   * @param hours interval in hours
   */
  public static everyHours(hours: number): Schedule {
    return new Schedule(ScheduleKind.EVERY_HOURS, hours, undefined);
  }

  /**
   * Fires at the times a cron expression matches.
   *
   * @param options the cron fields
   */
  public static cron(options: CronOptions): Schedule {
    return new Schedule(ScheduleKind.CRON, undefined, options);
  }

  /** How the schedule is expressed. */
  public readonly kind: ScheduleKind;

  /** The interval, for EVERY_MINUTES and EVERY_HOURS. */
  public readonly interval?: number;

  /** The cron fields, for CRON. */
  public readonly cronOptions?: CronOptions;

  private constructor(kind: ScheduleKind, interval: number | undefined, cronOptions: CronOptions | undefined) {
    this.kind = kind;
    this.interval = interval;
    this.cronOptions = cronOptions;
  }

  /** The IANA time zone the schedule is evaluated in. */
  public get timeZone(): string {
    return this.cronOptions?.timeZone ?? 'UTC';
  }
}

markKind(Schedule, 'Schedule');
