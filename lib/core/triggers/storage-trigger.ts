import { CLOUD_LABEL, CloudProvider } from '../cloud-provider';
import { isUnresolved } from '../tokens';
import { StorageEvent, Trigger, TriggerKind } from '../trigger';
import { asyncDelivery, BUS_DELIVERY } from './delivery';
import { triggerOptions } from './trigger-options';
import type { TriggerContext } from './trigger-context';
import type { StorageTriggerSpec } from './trigger-spec';

const OBJECT_NAME_PART = /^[^*?"'\\\u0000-\u001f]{1,512}$/;

/** Object events of a bucket: kinds, prefix and suffix the cloud can filter on, and delivery. */
export function normaliseStorageTrigger(ctx: TriggerContext, trigger: Trigger, prop: string): StorageTriggerSpec {
  const { problems, cloud, label, ids } = ctx;
  const o = triggerOptions(problems, prop, trigger.kind, trigger.storageOptions);
  const { attempts, age } = asyncDelivery(problems, cloud, prop, BUS_DELIVERY, true, o);
  const events = o.events && o.events.length > 0 ? [...new Set(o.events)] : [StorageEvent.OBJECT_CREATED];
  if (events.some((e) => !Object.values(StorageEvent).includes(e))) {
    problems.invalid(`${prop}.events`, 'must hold StorageEvent.OBJECT_CREATED or OBJECT_DELETED', o.events);
  }
  for (const [name, value] of [['prefix', o.prefix], ['suffix', o.suffix]] as const) {
    if (value !== undefined && !isUnresolved(value) && !OBJECT_NAME_PART.test(value)) {
      problems.invalid(`${prop}.${name}`, 'must be 1-512 characters without wildcards (*, ?), quotes, backslashes or control characters', value);
    }
  }
  if (cloud === CloudProvider.GCP && o.suffix !== undefined) {
    problems.invalid(`${prop}.suffix`, 'cannot be expressed on GCP: Cloud Storage notifications filter by prefix only; filter by suffix in the handler', o.suffix);
  }
  if (o.bucket && o.bucket.provider !== cloud) {
    problems.add(`${prop}.bucket ${o.bucket.node.path} is on ${CLOUD_LABEL[o.bucket.provider]}, not ${label}`);
  }
  return {
    kind: TriggerKind.STORAGE, id: ids.next('Storage', o.bucket), bucket: o.bucket, events, prefix: o.prefix, suffix: o.suffix,
    maxDeliveryAttempts: attempts, maxEventAgeSeconds: age,
  };
}
