import { Cloudfunctions2Function } from '@cdktf/provider-google/lib/cloudfunctions2-function';
import type { WarmPoolSpec } from '../core/warm-pool-spec';

/**
 * Minimum instances kept warm on the function's Cloud Run service, the
 * ceiling as its maximum instances, and the requests each instance serves.
 */
export function applyGcpWarmPool(fn: Cloudfunctions2Function, pool: WarmPoolSpec): void {
  fn.addOverride('service_config.min_instance_count', pool.minInstances);
  fn.addOverride('service_config.max_instance_count', pool.maxInstances);
  fn.addOverride('service_config.max_instance_request_concurrency', pool.instanceConcurrency);
}
