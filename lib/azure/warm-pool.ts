import { FunctionAppFlexConsumption } from '@cdktf/provider-azurerm/lib/function-app-flex-consumption';
import type { WarmPoolSpec } from '../core/warm-pool-spec';

/**
 * Flex Consumption always-ready instances: the floor for each trigger group
 * (`http` for all HTTP triggers, `function:<name>` for each queue function),
 * the ceiling as the app's maximum instance count, and the per-instance HTTP
 * concurrency the plan assumed.
 */
export function applyAzureWarmPool(app: FunctionAppFlexConsumption, pool: WarmPoolSpec, hasHttp: boolean): void {
  app.putAlwaysReady(pool.azureGroups.map((name) => ({ name, instanceCount: pool.minInstances })));
  app.maximumInstanceCount = pool.maxInstances;
  if (hasHttp) {
    app.httpConcurrency = pool.instanceConcurrency;
  }
}
