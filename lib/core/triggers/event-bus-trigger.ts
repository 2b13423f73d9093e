import { CLOUD_LABEL } from '../cloud-provider';
import { Trigger, TriggerKind } from '../trigger';
import { checkTypes, STRINGS } from '../validation';
import { asyncDelivery, BUS_DELIVERY } from './delivery';
import { triggerOptions } from './trigger-options';
import type { TriggerContext } from './trigger-context';
import type { EventBusTriggerSpec } from './trigger-spec';

const PATTERN_VALUE = /^[^"'\\]{1,256}$/;

/** An event bus subscription: a pattern on source and/or detailType, and delivery. */
export function normaliseEventBusTrigger(ctx: TriggerContext, trigger: Trigger, prop: string): EventBusTriggerSpec {
  const { problems, cloud, label, ids } = ctx;
  const o = triggerOptions(problems, prop, trigger.kind, trigger.eventBusOptions);
  const { attempts, age } = asyncDelivery(problems, cloud, prop, BUS_DELIVERY, true, o);
  const rawPattern = o.pattern ?? {};
  const pattern = checkTypes(problems, rawPattern, { source: STRINGS, detailType: STRINGS }, `${prop}.pattern.`);
  const source = pattern.source ?? [];
  const detailType = pattern.detailType ?? [];
  // A list of the wrong type is reported already; the pattern is only empty when neither was given.
  const wrongType = (rawPattern.source !== undefined && pattern.source === undefined) || (rawPattern.detailType !== undefined && pattern.detailType === undefined);
  if (source.length === 0 && detailType.length === 0 && !wrongType) {
    problems.add(`${prop}.pattern must match on source or detailType (or both): an empty pattern would deliver every event of the bus`);
  }
  for (const [name, values] of [['source', source], ['detailType', detailType]] as const) {
    if (values.some((v) => typeof v !== 'string' || !PATTERN_VALUE.test(v))) {
      problems.invalid(`${prop}.pattern.${name}`, 'must hold strings of 1-256 characters without quotes or backslashes', values);
    }
  }
  if (o.bus && o.bus.provider !== cloud) {
    problems.add(`${prop}.bus ${o.bus.node.path} is on ${CLOUD_LABEL[o.bus.provider]}, not ${label}`);
  }
  return {
    kind: TriggerKind.EVENT_BUS, id: ids.next('EventBus', o.bus), bus: o.bus, source: source.length ? [...source] : undefined,
    detailType: detailType.length ? [...detailType] : undefined, maxDeliveryAttempts: attempts, maxEventAgeSeconds: age,
  };
}
