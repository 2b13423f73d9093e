import { CLOUD_LABEL, CloudProvider } from '../cloud-provider';
import { Trigger, TriggerKind } from '../trigger';
import { checkNumber, given, isNumberToken } from '../validation';
import { triggerOptions } from './trigger-options';
import type { TriggerContext } from './trigger-context';
import type { QueueTriggerSpec } from './trigger-spec';

/** A queue: its own, or a shared EventQueue; batch size, attempts, batching window and retention per cloud. */
export function normaliseQueueTrigger(ctx: TriggerContext, trigger: Trigger, prop: string): QueueTriggerSpec {
  const { problems, cloud, label, limits, warnings, ids } = ctx;
  const o = triggerOptions(problems, prop, trigger.kind, trigger.queueOptions);
  const shared = o.queue;
  if (shared && (o.maxDeliveryAttempts !== undefined || o.retentionDays !== undefined)) {
    problems.add(`${prop} consumes the shared queue ${shared.node.path}: set maxDeliveryAttempts and retentionDays on the EventQueue, not on the trigger`);
  }
  if (shared && shared.provider !== cloud) {
    problems.add(`${prop}.queue ${shared.node.path} is on ${CLOUD_LABEL[shared.provider]}, not ${label}`);
  }
  // GCP push delivers one message per request, so its default is 1 (no warning for an unset option).
  const batchSize = given(o.batchSize, cloud === CloudProvider.GCP ? 1 : 10);
  const attempts = shared ? shared.maxDeliveryAttempts : given(o.maxDeliveryAttempts, 5);
  const window = given(o.maxBatchingWindowSeconds, 0);
  const retention = given(o.retentionDays, 4);
  checkNumber(problems, `${prop}.batchSize`, batchSize, limits.batchSize, label);
  checkNumber(problems, `${prop}.maxDeliveryAttempts`, attempts, limits.deliveryAttempts, label);
  checkNumber(problems, `${prop}.maxBatchingWindowSeconds`, window, { min: 0, max: 300 }, label);
  checkNumber(problems, `${prop}.retentionDays`, retention, limits.retentionDays, label);
  if (isNumberToken(retention)) {
    problems.add(`${prop}.retentionDays cannot be an unresolved token: it is converted to each cloud's unit (seconds, an ISO 8601 duration) at synth time`);
  }
  if (cloud === CloudProvider.AWS && batchSize > 10 && window < 1) {
    problems.invalid(`${prop}.batchSize`, 'above 10 needs maxBatchingWindowSeconds of at least 1 on AWS', batchSize);
  }
  if (cloud === CloudProvider.GCP && batchSize > 1) {
    warnings.push(`${prop}.batchSize ${batchSize} is a maximum; GCP Pub/Sub push delivers one message per request`);
  }
  if (cloud !== CloudProvider.AWS && window > 0) {
    warnings.push(`${prop}.maxBatchingWindowSeconds is AWS-only; ${label} delivers messages as they arrive`);
  }
  return {
    kind: TriggerKind.QUEUE, id: ids.next('Queue', shared), queue: shared, batchSize, maxDeliveryAttempts: attempts,
    maxBatchingWindowSeconds: window, retentionDays: retention,
  };
}
