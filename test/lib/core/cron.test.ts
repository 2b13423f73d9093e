import { CloudProvider } from '../../../lib/core/cloud-provider';
import { scheduleExpressionFor } from '../../../lib/core/cron';
import { CronOptions, Schedule } from '../../../lib/core/schedule';

function expressions(schedule: Schedule): Record<string, string | undefined> {
  const problems: string[] = [];
  const out: Record<string, string | undefined> = {};
  for (const cloud of [CloudProvider.AWS, CloudProvider.AZURE, CloudProvider.GCP]) {
    out[cloud] = scheduleExpressionFor(cloud, schedule, 'schedule', (p) => problems.push(p));
  }
  if (problems.length > 0) {
    out.problems = problems.join('\n');
  }
  return out;
}

describe('cron translation', () => {
  test.each<[CronOptions, string, string, string]>([
    [{ minute: '0', hour: '9', weekDay: 'MON-FRI' }, 'cron(0 9 ? * MON-FRI *)', '0 0 9 * * 1-5', '0 9 * * 1-5'],
    [{ minute: '30', hour: '2' }, 'cron(30 2 * * ? *)', '0 30 2 * * *', '30 2 * * *'],
    [{ minute: '0', hour: '0', day: '1' }, 'cron(0 0 1 * ? *)', '0 0 0 1 * *', '0 0 1 * *'],
    [{ minute: '*/15' }, 'cron(0/15 * * * ? *)', '0 */15 * * * *', '*/15 * * * *'],
    [{ minute: '5/10', hour: '8-17' }, 'cron(5/10 8-17 * * ? *)', '0 5-59/10 8-17 * * *', '5-59/10 8-17 * * *'],
    [{ minute: '0', hour: '6,18', weekDay: 'SAT,SUN' }, 'cron(0 6,18 ? * SAT,SUN *)', '0 0 6,18 * * 6,0', '0 6,18 * * 6,0'],
    [{ minute: '0', hour: '12', weekDay: '1-5' }, 'cron(0 12 ? * MON-FRI *)', '0 0 12 * * 1-5', '0 12 * * 1-5'],
    [{ minute: '0', hour: '0', day: '15', month: 'JAN,JUL' }, 'cron(0 0 15 1,7 ? *)', '0 0 0 15 1,7 *', '0 0 15 1,7 *'],
    [{ minute: '0', hour: '3', month: '*/3', day: '1' }, 'cron(0 3 1 1/3 ? *)', '0 0 3 1 */3 *', '0 3 1 */3 *'],
  ])('%j is translated exactly for each cloud', (options, aws, azure, gcp) => {
    const out = expressions(Schedule.cron(options));
    expect(out).toEqual({ aws, azure, gcp });
  });

  test.each<[Schedule, string, string, string]>([
    [Schedule.everyMinutes(1), 'rate(1 minute)', '0 * * * * *', '* * * * *'],
    [Schedule.everyMinutes(5), 'rate(5 minutes)', '0 */5 * * * *', '*/5 * * * *'],
    [Schedule.everyHours(1), 'rate(1 hour)', '0 0 * * * *', '0 * * * *'],
    [Schedule.everyHours(6), 'rate(6 hours)', '0 0 */6 * * *', '0 */6 * * *'],
  ])('%j intervals are translated for each cloud', (schedule, aws, azure, gcp) => {
    expect(expressions(schedule)).toEqual({ aws, azure, gcp });
  });

  test('time zones pass through to AWS and GCP', () => {
    const schedule = Schedule.cron({ minute: '0', hour: '9', timeZone: 'Europe/Paris' });
    expect(schedule.timeZone).toBe('Europe/Paris');
    expect(scheduleExpressionFor(CloudProvider.GCP, schedule, 's', () => undefined)).toBe('0 9 * * *');
  });
});

describe('invalid schedules', () => {
  test.each<[CronOptions, RegExp]>([
    [{ minute: '60' }, /schedule\.minute has "60" outside 0-59/],
    [{ hour: '24' }, /schedule\.hour has "24" outside 0-23/],
    [{ day: '0' }, /schedule\.day has "0" outside 1-31/],
    [{ month: 'FOO' }, /schedule\.month has "FOO" outside 1-12/],
    [{ weekDay: 'MON/2' }, /weekDay cannot have a step/],
    [{ weekDay: 'FRI-MON' }, /running backwards/],
    [{ minute: '0-30/5' }, /combines a range with a step/],
    [{ day: '1', weekDay: 'MON' }, /cannot restrict both day and weekDay/],
    [{ minute: 'L' }, /outside 0-59/],
    [{ minute: '0', timeZone: 'not a zone' }, /IANA time zone/],
  ])('fails when the cron fields are %j', (options, message) => {
    const problems: string[] = [];
    expect(scheduleExpressionFor(CloudProvider.AWS, Schedule.cron(options), 'schedule', (p) => problems.push(p))).toBeUndefined();
    expect(problems.join('\n')).toMatch(message);
  });

  test('fails when Azure is given a time zone other than UTC', () => {
    const problems: string[] = [];
    expect(scheduleExpressionFor(CloudProvider.AZURE, Schedule.cron({ minute: '0', timeZone: 'Europe/Paris' }), 'schedule', (p) => problems.push(p))).toBeUndefined();
    expect(problems[0]).toMatch(/timeZone must be "UTC" on Azure/);
  });

  test('fails when an interval does not divide the hour on Azure and GCP, but not on AWS', () => {
    const out = expressions(Schedule.everyMinutes(7));
    expect(out.aws).toBe('rate(7 minutes)');
    expect(out.azure).toBeUndefined();
    expect(out.gcp).toBeUndefined();
    expect(out.problems).toMatch(/every 7 minutes cannot be expressed exactly on Azure.*use one of 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30/);
  });

  test.each([0, -1, 1.5, NaN])('fails when the interval is %p', (n) => {
    const problems: string[] = [];
    expect(scheduleExpressionFor(CloudProvider.AWS, Schedule.everyMinutes(n), 'schedule', (p) => problems.push(p))).toBeUndefined();
    expect(problems[0]).toMatch(/whole number of minutes, at least 1/);
  });
});

/** Problems and warnings of one schedule on one cloud. */
function check(cloud: CloudProvider, schedule: Schedule): { expression?: string; problems: string[]; warnings: string[] } {
  const problems: string[] = [];
  const warnings: string[] = [];
  const expression = scheduleExpressionFor(cloud, schedule, 'schedule', (p) => problems.push(p), (w) => warnings.push(w));
  return { expression, problems, warnings };
}

describe('schedule time zones', () => {
  test.each(['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Etc/GMT+5', 'Etc/UTC', 'Europe/Kyiv'])('%s is accepted on AWS and GCP without a warning', (timeZone) => {
    for (const cloud of [CloudProvider.AWS, CloudProvider.GCP]) {
      expect(check(cloud, Schedule.cron({ minute: '0', timeZone }))).toEqual({ expression: expect.any(String), problems: [], warnings: [] });
    }
  });

  test('US/Eastern is a valid alias: accepted, with a warning naming the canonical zone America/New_York', () => {
    const out = check(CloudProvider.AWS, Schedule.cron({ minute: '0', timeZone: 'US/Eastern' }));
    expect(out.problems).toEqual([]);
    expect(out.expression).toBe('cron(0 * * * ? *)');
    expect(out.warnings).toEqual([
      'schedule.timeZone "US/Eastern" is an alias in the IANA time zone database for "America/New_York"; the clouds accept it, but their docs ask for canonical names: use "America/New_York"',
    ]);
  });

  test.each(['EST', 'EST5EDT', 'GB', 'Japan'])('%s is valid on AWS and GCP (the zone this runtime links it to is named in a warning, if any)', (timeZone) => {
    // tzdata 2024b made EST a link to America/Panama and EST5EDT one to America/New_York; older ICU data keeps them as zones.
    const canonical = new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
    for (const cloud of [CloudProvider.AWS, CloudProvider.GCP]) {
      const out = check(cloud, Schedule.cron({ minute: '0', timeZone }));
      expect(out.problems).toEqual([]);
      expect(out.warnings).toEqual(canonical === timeZone ? [] : [expect.stringContaining(`use "${canonical}"`)]);
    }
  });

  test.each([CloudProvider.AWS, CloudProvider.GCP])('fails when the time zone is not an IANA zone (Mars/Olympus) on %s', (cloud) => {
    expect(check(cloud, Schedule.cron({ minute: '0', timeZone: 'Mars/Olympus' })).problems).toEqual([
      'schedule.timeZone must be a name of the IANA time zone database that this Node.js runtime knows, such as "UTC", "Europe/Paris" or "America/New_York" (got "Mars/Olympus")',
    ]);
  });

  test.each(['+01:00', 'GMT+1', '', ' UTC', 'Europe/'])('fails when the time zone is %j', (timeZone) => {
    expect(check(CloudProvider.GCP, Schedule.cron({ minute: '0', timeZone })).problems[0]).toMatch(/^schedule\.timeZone must be a name of the IANA time zone database/);
  });

  test('fails when the time zone is written in the wrong case, naming the right one', () => {
    expect(check(CloudProvider.AWS, Schedule.cron({ minute: '0', timeZone: 'europe/paris' })).problems).toEqual([
      'schedule.timeZone must be written "Europe/Paris": the clouds read time zone names case-sensitively (got "europe/paris")',
    ]);
  });

  test('fails when the time zone is not a string', () => {
    expect(check(CloudProvider.AWS, Schedule.cron({ minute: '0', timeZone: 5 as any })).problems).toEqual([
      'schedule.timeZone must be an IANA time zone name such as "UTC", "Europe/Paris" or "America/New_York" (got 5)',
    ]);
  });

  test('fails when Azure is given an alias of UTC or another zone: Azure keeps its UTC rule', () => {
    expect(check(CloudProvider.AZURE, Schedule.cron({ minute: '0', timeZone: 'EST' })).problems[0]).toMatch(/timeZone must be "UTC" on Azure/);
    expect(check(CloudProvider.AZURE, Schedule.cron({ minute: '0', timeZone: 'Etc/UTC' })).problems[0]).toMatch(/timeZone must be "UTC" on Azure/);
  });
});

describe('schedules that never fire', () => {
  test.each<[CronOptions, string]>([
    [{ minute: '0', hour: '0', day: '31', month: 'FEB' }, 'never fires: no month it names (FEB) has day 31 (got day "31", month "FEB")'],
    [{ minute: '0', hour: '0', day: '30,31', month: '2' }, 'never fires: no month it names (FEB) has day 30, 31 (got day "30,31", month "2")'],
    [{ minute: '0', hour: '0', day: '31', month: 'APR,JUN,SEP,NOV' }, 'never fires: no month it names (APR, JUN, SEP, NOV) has day 31 (got day "31", month "APR,JUN,SEP,NOV")'],
    [{ minute: '0', hour: '0', day: '29', month: 'FEB' }, 'fires only in leap years: 29 February is the only day it names (got day "29", month "FEB")'],
  ])('warns, on every cloud, when the cron fields are %j', (options, warning) => {
    for (const cloud of [CloudProvider.AWS, CloudProvider.AZURE, CloudProvider.GCP]) {
      const out = check(cloud, Schedule.cron(options));
      expect(out.problems).toEqual([]);
      expect(out.expression).toBeDefined();
      expect(out.warnings).toEqual([`schedule ${warning}`]);
    }
  });

  test.each<CronOptions>([
    { minute: '0', day: '31' },
    { minute: '0', day: '31', month: 'JAN-FEB' },
    { minute: '0', day: '28-31', month: 'FEB' },
    { minute: '0', day: '*/10', month: 'FEB' },
    { minute: '0', day: '30', month: '*/2' },
  ])('does not warn when %j fires every year', (options) => {
    expect(check(CloudProvider.AWS, Schedule.cron(options)).warnings).toEqual([]);
  });
});

describe('schedules of the wrong type', () => {
  test('fails when a cron field is a number, not a string', () => {
    expect(check(CloudProvider.AWS, Schedule.cron({ minute: 0 as any, hour: '9' })).problems).toEqual([
      'schedule.minute must be a string of *, a value 0-59, a range a-b, a list a,b, a step */n or a/n, e.g. "0" (got 0)',
    ]);
  });

  test('fails when a cron field is null', () => {
    expect(check(CloudProvider.GCP, Schedule.cron({ minute: '0', weekDay: null as any })).problems[0]).toMatch(/^schedule\.weekDay must be a string of .*, e\.g\. "MON-FRI" \(got null\)$/);
  });

  test('fails when the cron options are not an object', () => {
    expect(check(CloudProvider.AWS, Schedule.cron('0 9 * * *' as any)).problems).toEqual([
      'schedule must be made with Schedule.cron({ minute, hour, day, month, weekDay, timeZone }), whose options are an object of strings (got "0 9 * * *")',
    ]);
  });

  test('fails when an interval is a string, naming it quoted', () => {
    expect(check(CloudProvider.AWS, Schedule.everyMinutes('5' as any)).problems).toEqual(['schedule must fire every whole number of minutes, at least 1 (got "5")']);
  });

  test('fails when the schedule is not a Schedule', () => {
    expect(check(CloudProvider.AWS, { kind: 'cron' } as any).problems).toEqual([
      'schedule must be a Schedule made with Schedule.cron, Schedule.everyMinutes or Schedule.everyHours (got {"kind":"cron"})',
    ]);
  });
});
