import { scheduleExpressionFor } from '../cron';
import { Schedule } from '../schedule';
import { Trigger, TriggerKind } from '../trigger';
import { triggerOptions } from './trigger-options';
import type { TriggerContext } from './trigger-context';
import type { ScheduleTriggerSpec } from './trigger-spec';

/** A schedule: the cloud's expression for the cron or rate, and its time zone. */
export function normaliseScheduleTrigger(ctx: TriggerContext, trigger: Trigger, prop: string): ScheduleTriggerSpec | undefined {
  const { problems, cloud, warnings, ids } = ctx;
  const schedule = trigger.scheduleValue;
  const o = triggerOptions(problems, prop, trigger.kind, trigger.scheduleOptions);
  const expression = scheduleExpressionFor(cloud, schedule as Schedule, `${prop}.schedule`, (p) => problems.add(p), (w) => warnings.push(w));
  if (expression !== undefined) {
    return {
      kind: TriggerKind.SCHEDULE, id: ids.next('Schedule'), expression, timeZone: (schedule as Schedule).timeZone,
      description: o.description,
    };
  }
  return undefined;
}
