import { TimeZone } from 'aws-cdk-lib';
import { TEXT_LIMITS } from '../core/text-limits';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import type { ScheduleTriggerSpec } from '../core/function-spec';
import { printableDescription } from '../core/naming';
import { deadLetterQueue } from './topic-trigger';

/**
 * An EventBridge Scheduler schedule invoking the function (asynchronously),
 * with a role of its own that may invoke only this function and a
 * dead-letter queue for runs Scheduler cannot deliver after its retries. A
 * portable handler's schedule carries an input naming the schedule and the run.
 * Runs the function itself fails go to its on-failure queue
 * (`configureAsyncFailures`, called by the renderer).
 */
export function addScheduleTrigger(scope: Construct, fn: lambda.IFunction, trigger: ScheduleTriggerSpec, portable = false): scheduler.Schedule {
  const role = new iam.Role(scope, `${trigger.id}Role`, {
    assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com'),
    description: printableDescription(`Lets EventBridge Scheduler invoke ${fn.node.path}`, TEXT_LIMITS.aws.iamRoleDescription),
  });
  return new scheduler.Schedule(scope, trigger.id, {
    schedule: scheduler.ScheduleExpression.expression(trigger.expression, TimeZone.of(trigger.timeZone)),
    target: new LambdaInvoke(fn, {
      role,
      deadLetterQueue: deadLetterQueue(scope, `${trigger.id}DeadLetterQueue`),
      // A portable handler's adapter knows a run by this input (Scheduler fills in the run's time and id).
      input: portable ? scheduler.ScheduleTargetInput.fromObject({
        cirrus: { trigger: 'schedule', schedule: trigger.id, scheduledTime: scheduler.ContextAttribute.scheduledTime, executionId: scheduler.ContextAttribute.executionId },
      }) : undefined,
    }),
    description: trigger.description,
  });
}
