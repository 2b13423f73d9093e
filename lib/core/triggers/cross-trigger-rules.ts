import { CloudProvider } from '../cloud-provider';
import { ProblemCollector } from '../errors';
import { HttpMethod } from '../http';
import { TriggerKind } from '../trigger';
import type { EventBusTriggerSpec, HttpTriggerSpec, StorageTriggerSpec, TopicTriggerSpec, TriggerSpec } from './trigger-spec';

/** A NATIVE handler on GCP answers every path and method of its URL. */
export const GCP_ROUTES_NOT_ENFORCED = 'HTTP path and method are not enforced on GCP: the function URL accepts every path and method, so the handler must route (handlerApi PORTABLE enforces them)';

/** A path that is one greedy parameter: the route takes every path. */
const CATCH_ALL_PATH = /^\/\{[A-Za-z_][A-Za-z0-9_]*\+\}$/;

/**
 * Rules on a function's triggers together, where a cloud keeps one setting
 * per function: AWS one asynchronous invocation config, Azure one host.json
 * batch size per app, GCP one URL and invoker policy.
 */
export function checkTriggersTogether(problems: ProblemCollector, cloud: CloudProvider, specs: TriggerSpec[], warnings: string[]): void {
  if (cloud === CloudProvider.AWS) {
    const async = specs.filter((t): t is TopicTriggerSpec | EventBusTriggerSpec | StorageTriggerSpec =>
      t.kind === TriggerKind.TOPIC || t.kind === TriggerKind.EVENT_BUS || t.kind === TriggerKind.STORAGE);
    if (new Set(async.map((t) => `${t.maxDeliveryAttempts}/${t.maxEventAgeSeconds}`)).size > 1) {
      problems.add('triggers set different maxDeliveryAttempts or maxEventAgeSeconds on asynchronous sources; on AWS they are one setting of the function (its asynchronous invocation config): use the same values or split the function');
    }
  }
  if (cloud === CloudProvider.AZURE) {
    const batchSizes = [...new Set(specs.flatMap((t) => (t.kind === TriggerKind.QUEUE ? [t.batchSize] : [])))];
    if (batchSizes.length > 1) {
      problems.add(`triggers set batchSize ${batchSizes.join(' and ')} on different queues; on Azure the batch size lives in host.json, one per function app: use one batchSize or split the function`);
    }
  }
  if (cloud === CloudProvider.GCP) {
    // Routes of an HttpApi are enforced, and authorised, by API Gateway: only the function's own URL counts here.
    const http = specs.filter((t): t is HttpTriggerSpec => t.kind === TriggerKind.HTTP && t.api === undefined);
    if (new Set(http.map((t) => t.auth)).size > 1) {
      problems.add('triggers mix HttpAuth.PUBLIC and HttpAuth.PRIVATE; on GCP a function has one URL and one invoker policy: split them into two functions');
    }
    if (http.some((t) => (t.path !== '/' && !CATCH_ALL_PATH.test(t.path)) || !t.methods.includes(HttpMethod.ANY))) {
      warnings.push(GCP_ROUTES_NOT_ENFORCED);
    }
  }
}
