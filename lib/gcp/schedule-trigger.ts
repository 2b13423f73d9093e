import { CloudSchedulerJob } from '@cdktf/provider-google/lib/cloud-scheduler-job';
import { fitName } from '../core/naming';
import { TEXT_LIMITS } from '../core/text-limits';
import { Construct } from 'constructs';
import type { GcpStack } from '../../constructs/gcp-stack';
import type { FunctionSpec, ScheduleTriggerSpec } from '../core/function-spec';
import { SCHEDULE_RETRIES } from '../core/schedule-retries';
import { gcpName } from './names';
import type { PushTarget } from './queue-trigger';
import { needsApis } from './stack-services';

/**
 * A Cloud Scheduler job that POSTs to the function's endpoint with an OIDC
 * token of the function's invoker identity. The attempt deadline follows the
 * function timeout, within the 15 s - 30 min Cloud Scheduler allows.
 */
export function addScheduleTrigger(scope: Construct, stack: GcpStack, spec: FunctionSpec, trigger: ScheduleTriggerSpec, target: PushTarget): CloudSchedulerJob {
  const invoker = target.access.invoker();
  return new CloudSchedulerJob(scope, `${trigger.id}Job`, {
    name: gcpName(scope, 'gcpResource', trigger.id.toLowerCase()),
    region: stack.region,
    description: trigger.description ?? fitName(`Invokes ${scope.node.path}`, TEXT_LIMITS.gcp.schedulerDescription),
    schedule: trigger.expression,
    timeZone: trigger.timeZone,
    attemptDeadline: `${Math.min(1800, Math.max(15, spec.timeoutSeconds))}s`,
    retryConfig: { retryCount: SCHEDULE_RETRIES }, // Cloud Scheduler allows 0-5
    httpTarget: {
      uri: `${target.uri}${target.pathFor('schedule', trigger.id)}`,
      httpMethod: 'POST',
      oidcToken: { serviceAccountEmail: invoker.email, audience: target.uri },
    },
    dependsOn: needsApis(stack, 'cloudscheduler'),
  });
}
