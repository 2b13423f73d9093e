import { CLOUD_LABEL, CloudProvider } from '../cloud-provider';
import { ProblemCollector } from '../errors';
import { LIMITS } from '../limits';
import { Schedule } from '../schedule';
import { Trigger, TriggerKind } from '../trigger';
import { checkTriggersTogether } from './cross-trigger-rules';
import { normaliseEventBusTrigger } from './event-bus-trigger';
import { normaliseHttpTrigger } from './http-trigger';
import { normaliseQueueTrigger } from './queue-trigger';
import { normaliseScheduleTrigger } from './schedule-trigger';
import { normaliseStorageTrigger } from './storage-trigger';
import { normaliseTopicTrigger } from './topic-trigger';
import type { TriggerContext } from './trigger-context';
import { TriggerIds } from './trigger-options';
import type { TriggerSpec } from './trigger-spec';

/** One normaliser per trigger kind (lib/core/triggers/<kind>-trigger.ts). */
const NORMALISERS: Record<TriggerKind, (ctx: TriggerContext, trigger: Trigger, prop: string) => TriggerSpec | undefined> = {
  [TriggerKind.HTTP]: normaliseHttpTrigger,
  [TriggerKind.QUEUE]: normaliseQueueTrigger,
  [TriggerKind.TOPIC]: normaliseTopicTrigger,
  [TriggerKind.EVENT_BUS]: normaliseEventBusTrigger,
  [TriggerKind.STORAGE]: normaliseStorageTrigger,
  [TriggerKind.SCHEDULE]: normaliseScheduleTrigger,
};

/**
 * Validates a function's triggers for one cloud, in order (ids are numbered
 * by kind), then the rules on the triggers together.
 */
export function normaliseTriggers(problems: ProblemCollector, cloud: CloudProvider, triggers: Trigger[], warnings: string[]): TriggerSpec[] {
  const ctx: TriggerContext = { problems, warnings, cloud, label: CLOUD_LABEL[cloud], limits: LIMITS[cloud], ids: new TriggerIds(), routes: new Set() };
  const specs: TriggerSpec[] = [];
  triggers.forEach((trigger, i) => {
    const prop = `triggers[${i}]`;
    if (!(trigger instanceof Trigger)) {
      const hint = (trigger as unknown) instanceof Schedule ? ': wrap a Schedule in Trigger.schedule(schedule)' : '';
      problems.invalid(prop, `must be made with Trigger.http, Trigger.queue, Trigger.schedule, Trigger.topic, Trigger.eventBus or Trigger.storage${hint}`, trigger);
      return;
    }
    const spec = NORMALISERS[trigger.kind]?.(ctx, trigger, prop);
    if (spec) {
      specs.push(spec);
    }
  });
  checkTriggersTogether(problems, cloud, specs, warnings);
  return specs;
}
