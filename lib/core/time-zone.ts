import { describeValue } from './errors';
import { isUnresolved } from './tokens';

/**
 * The rule for a schedule's time zone: a name of the IANA tz database that
 * the runtime's ICU knows, written in its own case.
 *
 * Why:
 * - EventBridge Scheduler reads `ScheduleExpressionTimezone` as an IANA time
 *   zone name ("Time zones on EventBridge Scheduler",
 *   https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#time-zones).
 * - Application Auto Scaling (warm-pool scheduled capacity) takes "the
 *   canonical names of the IANA time zones supported by Joda-Time (such as
 *   Etc/GMT+9 or Pacific/Tahiti)"
 *   (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScheduledAction.html).
 * - Cloud Scheduler's `timeZone` "must be a time zone name from the tz
 *   database" (https://cloud.google.com/scheduler/docs/reference/rest/v1/projects.locations.jobs).
 * - Azure Functions on Linux evaluates timers in UTC only (checked in cron.ts).
 *
 * A name the runtime does not know (`Mars/Olympus`, `+01:00`) would only fail
 * at deploy time, so it is an error. Aliases (backward-compatibility links
 * such as `US/Eastern` or `EST`) are valid tz names and the APIs accept them,
 * but canonical names are what the docs ask for: an alias outside the
 * continent/city form gets a warning naming the canonical zone.
 * `Intl.supportedValuesOf('timeZone')` lists only canonical zones (in CLDR's
 * spelling), so names are checked with `Intl.DateTimeFormat`, which also
 * accepts aliases.
 */
const EXAMPLES = '"UTC", "Europe/Paris" or "America/New_York"';

/** The geographic areas of the tz database's continent/city names. */
const GEOGRAPHIC = /^(Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific)\//;

/** The zone the runtime resolves a name to, or undefined when it knows no such zone. */
function resolveZone(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** What `checkTimeZone` found: a problem (the name cannot be used) or a warning (it can, but another name is safer). */
export interface TimeZoneFinding {
  readonly problem?: string;
  readonly warning?: string;
}

/**
 * Checks a schedule's time zone. `prop` names it in messages, e.g.
 * `triggers[0].schedule.timeZone`. Tokens are not checked.
 */
export function checkTimeZone(prop: string, zone: unknown): TimeZoneFinding {
  if (typeof zone !== 'string') {
    return { problem: `${prop} must be an IANA time zone name such as ${EXAMPLES} (got ${describeValue(zone)})` };
  }
  if (isUnresolved(zone)) {
    return {};
  }
  const resolved = resolveZone(zone);
  if (resolved === undefined || zone.trim() !== zone || zone === '') {
    return { problem: `${prop} must be a name of the IANA time zone database that this Node.js runtime knows, such as ${EXAMPLES} (got ${describeValue(zone)})` };
  }
  if (resolved !== zone && resolved.toLowerCase() === zone.toLowerCase()) {
    return { problem: `${prop} must be written ${JSON.stringify(resolved)}: the clouds read time zone names case-sensitively (got ${describeValue(zone)})` };
  }
  if (resolved !== zone && !GEOGRAPHIC.test(zone) && GEOGRAPHIC.test(resolved)) {
    return {
      warning: `${prop} ${JSON.stringify(zone)} is an alias in the IANA time zone database for ${JSON.stringify(resolved)}; `
        + `the clouds accept it, but their docs ask for canonical names: use ${JSON.stringify(resolved)}`,
    };
  }
  return {};
}
