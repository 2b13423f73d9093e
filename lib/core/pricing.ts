import { CloudProvider } from './cloud-provider';

/**
 * Dated list prices (USD) used for synth-time estimates. Regional prices
 * differ; these are the reference regions named below. Checked 2026-11-25
 * against the providers' public pricing pages:
 * - AWS Lambda pricing, us-east-1, x86: https://aws.amazon.com/lambda/pricing/
 * - Azure Functions pricing, Flex Consumption, East US: https://azure.microsoft.com/pricing/details/functions/
 * - Cloud Run pricing (Cloud Run functions), Tier 1 regions, request-based billing: https://cloud.google.com/run/pricing
 */
export const PRICE_TABLE = {
  date: '2026-11-25',
  [CloudProvider.AWS]: {
    region: 'us-east-1',
    /** On-demand compute, per GB-second (x86). */
    computePerGbSecond: 0.0000166667,
    /** Requests, per million. */
    requestsPerMillion: 0.2,
    /** Provisioned concurrency while enabled, per GB-second. */
    provisionedPerGbSecond: 0.0000041667,
    /** Compute while running on provisioned concurrency, per GB-second. */
    provisionedComputePerGbSecond: 0.0000097222,
    /** Monthly free tier: GB-seconds and requests. */
    freeGbSeconds: 400000,
    freeRequests: 1000000,
  },
  [CloudProvider.AZURE]: {
    region: 'East US',
    /** Flex Consumption on-demand execution, per GB-second. */
    computePerGbSecond: 0.000026,
    /** Executions, per million. */
    requestsPerMillion: 0.4,
    /** Always-ready baseline (memory of each always-ready instance), per GB-second. */
    alwaysReadyBaselinePerGbSecond: 0.000004,
    /** Execution on always-ready instances, per GB-second. */
    alwaysReadyComputePerGbSecond: 0.000016,
    /** Monthly free grant for on-demand: GB-seconds and executions. */
    freeGbSeconds: 100000,
    freeRequests: 250000,
  },
  [CloudProvider.GCP]: {
    region: 'Tier 1 (e.g. europe-west1)',
    /** Active CPU, per vCPU-second. */
    cpuPerVcpuSecond: 0.000024,
    /** Active memory, per GiB-second. */
    memoryPerGibSecond: 0.0000025,
    /** Requests, per million. */
    requestsPerMillion: 0.4,
    /** Idle minimum instance CPU, per vCPU-second. */
    idleCpuPerVcpuSecond: 0.0000025,
    /** Idle minimum instance memory, per GiB-second. */
    idleMemoryPerGibSecond: 0.0000025,
    /** Monthly free tier: vCPU-seconds, GiB-seconds, requests. */
    freeVcpuSeconds: 180000,
    freeGibSeconds: 360000,
    freeRequests: 2000000,
  },
} as const;

/** Seconds in the average month (730 hours), as the providers' calculators use. */
export const SECONDS_PER_MONTH = 730 * 3600;
