import { CloudProvider } from './cloud-provider';
import { GCP_MEMORY_CPU } from './limits';
import { PRICE_TABLE, SECONDS_PER_MONTH } from './pricing';

/**
 * Instances needed to serve a load, by Little's law: concurrency = arrival
 * rate x time in the system. Divided by the target utilisation (headroom)
 * and by the requests one instance serves at once, rounded up.
 *
 * 10,000 req/s x 0.05 s / 0.7 = 714.3, so 715 instances.
 */
export function planInstances(peakRequestsPerSecond: number, averageDurationMs: number, targetUtilization: number, perInstanceConcurrency = 1): number {
  const concurrency = (peakRequestsPerSecond * averageDurationMs) / 1000;
  const instances = concurrency / targetUtilization / perInstanceConcurrency;
  // Guard against binary floating point (e.g. 7.000000000000001 must stay 7).
  return Math.max(1, Math.ceil(instances - 1e-9));
}

/** Rounds money to cents. */
export function cents(usd: number): number {
  return Math.round(usd * 100) / 100;
}

/**
 * Monthly cost (USD) of keeping `instances` warm all month with `memoryMb`
 * each, at the dated list price of the cloud's warm capacity: AWS
 * provisioned concurrency, Azure always-ready baseline, GCP idle minimum
 * instances (CPU and memory). Execution on top of that is billed per use and
 * not included.
 */
export function warmCapacityMonthlyCost(cloud: CloudProvider, instances: number, memoryMb: number): number {
  const gb = memoryMb / 1024;
  switch (cloud) {
    case CloudProvider.LOCAL:
      return 0; // this machine: nothing is billed
    case CloudProvider.AWS:
      return cents(instances * gb * SECONDS_PER_MONTH * PRICE_TABLE.aws.provisionedPerGbSecond);
    case CloudProvider.AZURE:
      return cents(instances * gb * SECONDS_PER_MONTH * PRICE_TABLE.azure.alwaysReadyBaselinePerGbSecond);
    default: {
      const vcpu = Number(GCP_MEMORY_CPU[memoryMb] ?? '1');
      const perSecond = vcpu * PRICE_TABLE.gcp.idleCpuPerVcpuSecond + gb * PRICE_TABLE.gcp.idleMemoryPerGibSecond;
      return cents(instances * SECONDS_PER_MONTH * perSecond);
    }
  }
}
