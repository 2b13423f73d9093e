import { CloudProvider } from './cloud-provider';

/**
 * What each cloud accepts for the function props Cirrus maps onto it.
 * Sources (checked 2026-11): AWS Lambda quotas; Azure Functions Flex
 * Consumption plan docs and azurerm 4.55 schema; Cloud Functions (2nd gen)
 * quotas and memory/CPU table.
 */
export interface CloudLimits {
  /**
   * Allowed memory sizes: a range (AWS) or a set of sizes. With
   * `roundsUp`, a size between two of them runs on the next larger one
   * (with a warning); only a size above the largest is an error.
   */
  readonly memory: { readonly min: number; readonly max: number } | { readonly sizes: number[]; readonly roundsUp?: boolean };
  /** Memory used when the prop is not given (Azure: 2048, the size Microsoft recommends "for most scenarios"). */
  readonly defaultMemoryMb: number;
  /** Longest timeout in seconds, when the function has no HTTP or queue trigger. */
  readonly maxTimeoutSeconds: number;
  /** Longest timeout when the function has an HTTP trigger. */
  readonly maxHttpTimeoutSeconds: number;
  /** Longest timeout when the function has a queue trigger. */
  readonly maxQueueTimeoutSeconds: number;
  /** Longest timeout when the function has a schedule trigger. */
  readonly maxScheduleTimeoutSeconds: number;
  /** Allowed maxConcurrency range. */
  readonly concurrency: { readonly min: number; readonly max: number };
  /** Allowed log retention values: a range or a set. */
  readonly logRetention: { readonly min: number; readonly max: number } | { readonly values: number[] };
  /** Queue batch size range. */
  readonly batchSize: { readonly min: number; readonly max: number };
  /** Queue delivery attempts range. */
  readonly deliveryAttempts: { readonly min: number; readonly max: number };
  /** Queue message retention range, days. */
  readonly retentionDays: { readonly min: number; readonly max: number };
  /** Environment variable names the platform reserves (exact names or prefixes ending in `*`). */
  readonly reservedEnvironment: string[];
}

/** AWS CloudWatch Logs accepts only these retention periods (days). */
export const AWS_LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/** Cloud Functions (2nd gen) memory tiers in MB and the vCPU each gets. */
export const GCP_MEMORY_CPU: Record<number, string> = {
  128: '0.083',
  256: '0.167',
  512: '0.333',
  1024: '0.583',
  2048: '1',
  4096: '2',
  8192: '2',
  16384: '4',
  32768: '8',
};

export const LIMITS: Record<CloudProvider, CloudLimits> = {
  // The local run checks what any cloud accepts (a declaration that fills every cloud's stack runs
  // locally unchanged); the clouds' own limits apply when their stacks synthesize.
  [CloudProvider.LOCAL]: {
    memory: { min: 128, max: 32768 },
    defaultMemoryMb: 256,
    maxTimeoutSeconds: 3600,
    maxHttpTimeoutSeconds: 3600,
    maxQueueTimeoutSeconds: 3600,
    maxScheduleTimeoutSeconds: 3600,
    concurrency: { min: 1, max: 100000 },
    logRetention: { min: 1, max: 3653 },
    batchSize: { min: 1, max: 10000 },
    deliveryAttempts: { min: 1, max: 2000 },
    retentionDays: { min: 1, max: 14 },
    reservedEnvironment: ['CIRRUS_CLOUD', 'CIRRUS_LOCAL_URL'],
  },
  [CloudProvider.AWS]: {
    memory: { min: 128, max: 10240 },
    defaultMemoryMb: 256,
    maxTimeoutSeconds: 900,
    maxHttpTimeoutSeconds: 30, // API Gateway HTTP API integration timeout (hard limit)
    maxQueueTimeoutSeconds: 900,
    maxScheduleTimeoutSeconds: 900,
    concurrency: { min: 1, max: 100000 },
    logRetention: { values: AWS_LOG_RETENTION_DAYS },
    batchSize: { min: 1, max: 10000 },
    deliveryAttempts: { min: 1, max: 1000 },
    retentionDays: { min: 1, max: 14 },
    reservedEnvironment: ['_HANDLER', '_X_AMZN_TRACE_ID', 'AWS_*', 'LAMBDA_*', 'TZ'],
  },
  [CloudProvider.AZURE]: {
    // "Currently, Flex Consumption offers these instance memory size options: 512 MB, 2,048 MB, and
    // 4,096 MB" (learn.microsoft.com/azure/azure-functions/flex-consumption-plan, "Instance memory");
    // azurerm 4.55 does not validate instance_memory_in_mb, so Cirrus does. A declared size between
    // them (e.g. 1024, portable from AWS or GCP) runs on the next larger instance, with a warning.
    memory: { sizes: [512, 2048, 4096], roundsUp: true },
    defaultMemoryMb: 2048,
    maxTimeoutSeconds: 3600, // Flex Consumption guarantees 60 minutes
    maxHttpTimeoutSeconds: 230, // the front end's idle timeout for HTTP responses
    maxQueueTimeoutSeconds: 3600,
    maxScheduleTimeoutSeconds: 3600,
    concurrency: { min: 40, max: 1000 }, // azurerm 4.55 maximum_instance_count
    logRetention: { min: 30, max: 730 },
    batchSize: { min: 1, max: 1000 },
    deliveryAttempts: { min: 1, max: 2000 },
    retentionDays: { min: 1, max: 14 },
    reservedEnvironment: ['AzureWebJobs*', 'FUNCTIONS_*', 'WEBSITE_*', 'APPLICATIONINSIGHTS_*', 'APPINSIGHTS_*', 'SCM_*', 'CirrusServiceBus*', 'AZURE_CLIENT_ID'],
  },
  [CloudProvider.GCP]: {
    memory: { sizes: Object.keys(GCP_MEMORY_CPU).map(Number) },
    defaultMemoryMb: 256,
    maxTimeoutSeconds: 3600,
    maxHttpTimeoutSeconds: 3600,
    maxQueueTimeoutSeconds: 600, // Pub/Sub push acknowledgement deadline
    maxScheduleTimeoutSeconds: 1800, // Cloud Scheduler attempt deadline
    concurrency: { min: 1, max: 1000 },
    logRetention: { min: 1, max: 3650 },
    batchSize: { min: 1, max: 1000 },
    deliveryAttempts: { min: 5, max: 100 },
    retentionDays: { min: 1, max: 7 },
    reservedEnvironment: ['K_SERVICE', 'K_REVISION', 'K_CONFIGURATION', 'PORT', 'FUNCTION_TARGET', 'FUNCTION_SIGNATURE_TYPE', 'X_GOOGLE_*', 'GOOGLE_*'],
  },
};

/** Whether `name` is one of the reserved names or prefixes. */
export function isReservedName(name: string, reserved: string[]): boolean {
  return reserved.some((r) => (r.endsWith('*') ? name.startsWith(r.slice(0, -1)) : name === r));
}
