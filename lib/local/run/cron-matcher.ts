/**
 * Matches a five-field cron expression (`minute hour day month weekday`, the
 * form Cirrus writes for Cloud Scheduler: numbers, `*`, lists, ranges and
 * steps) against a time in an IANA time zone.
 */
export class CronMatcher {
  private readonly fields: Array<Set<number>>;

  constructor(public readonly expression: string, private readonly timeZone: string) {
    const parts = expression.trim().split(/\s+/);
    if (parts.length !== 5) {
      throw new Error(`not a five-field cron expression: ${expression}`);
    }
    const ranges: Array<[number, number]> = [[0, 59], [0, 23], [1, 31], [1, 12], [0, 7]];
    this.fields = parts.map((p, i) => expand(p, ranges[i][0], ranges[i][1]));
    if (this.fields[4].has(7)) {
      this.fields[4].add(0);
    }
  }

  /** Whether the schedule fires in the minute of `date`. */
  public matches(date: Date): boolean {
    const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
      timeZone: this.timeZone, hourCycle: 'h23', minute: 'numeric', hour: 'numeric', day: 'numeric', month: 'numeric', weekday: 'short',
    }).formatToParts(date).map((p) => [p.type, p.value]));
    const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday);
    const values = [Number(parts.minute), Number(parts.hour), Number(parts.day), Number(parts.month), weekday];
    // As cron reads it: when both day and weekday are restricted, either may match.
    const dayRestricted = this.fields[2].size < 31;
    const weekdayRestricted = this.fields[4].size < 7;
    const dayOk = dayRestricted && weekdayRestricted
      ? this.fields[2].has(values[2]) || this.fields[4].has(values[4])
      : this.fields[2].has(values[2]) && this.fields[4].has(values[4]);
    return this.fields[0].has(values[0]) && this.fields[1].has(values[1]) && this.fields[3].has(values[3]) && dayOk;
  }
}

function expand(field: string, min: number, max: number): Set<number> {
  const out = new Set<number>();
  for (const part of field.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText ? Number(stepText) : 1;
    const [from, to] = range === '*' ? [min, max] : range.includes('-') ? range.split('-').map(Number) : [Number(range), stepText ? max : Number(range)];
    for (let v = from; v <= to; v += step) {
      out.add(v);
    }
  }
  return out;
}
