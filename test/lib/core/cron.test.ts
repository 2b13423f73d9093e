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
