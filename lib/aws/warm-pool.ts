import { TimeZone } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { WarmPoolSpec } from '../core/warm-pool-spec';

/**
 * Provisioned concurrency on the function's live alias, scaled by
 * Application Auto Scaling: target tracking on provisioned-concurrency
 * utilisation between the floor and the ceiling, plus one scheduled action
 * per scheduled capacity change.
 */
export function applyAwsWarmPool(scope: Construct, alias: lambda.Alias, pool: WarmPoolSpec): void {
  const cfnAlias = alias.node.defaultChild as lambda.CfnAlias;
  cfnAlias.provisionedConcurrencyConfig = { provisionedConcurrentExecutions: pool.minInstances };

  const target = new appscaling.ScalableTarget(scope, 'ScalableTarget', {
    serviceNamespace: appscaling.ServiceNamespace.LAMBDA,
    scalableDimension: 'lambda:function:ProvisionedConcurrency',
    resourceId: `function:${alias.lambda.functionName}:${alias.aliasName}`,
    minCapacity: pool.minInstances,
    maxCapacity: pool.maxInstances,
  });
  target.node.addDependency(alias);
  target.scaleToTrackMetric('Utilization', {
    predefinedMetric: appscaling.PredefinedMetric.LAMBDA_PROVISIONED_CONCURRENCY_UTILIZATION,
    targetValue: pool.targetUtilization,
  });
  pool.scheduledCapacity.forEach((entry, i) => {
    target.scaleOnSchedule(`Scheduled${i + 1}`, {
      schedule: appscaling.Schedule.expression(entry.expression),
      timeZone: TimeZone.of(entry.timeZone),
      minCapacity: entry.minInstances,
      maxCapacity: entry.maxInstances,
    });
  });
}
