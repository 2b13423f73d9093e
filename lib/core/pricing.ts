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

/**
 * Dated list prices (USD) of the API front doors of an HttpApi, per million
 * requests, with the monthly free allowance that never expires (AWS's
 * 12-month free tier for new accounts is left out). Entered 2026-12-07 from:
 * - Amazon API Gateway pricing, HTTP APIs, us-east-1, first 300 million a month: https://aws.amazon.com/api-gateway/pricing/
 * - Azure API Management pricing, Consumption tier, East US (first 1 million calls a month per subscription free):
 *   https://azure.microsoft.com/pricing/details/api-management/
 * - API Gateway (Google Cloud) pricing, 2 million to 1 billion calls a month (first 2 million free): https://cloud.google.com/api-gateway/pricing
 */
export const API_PRICE_TABLE = {
  date: '2026-12-07',
  [CloudProvider.AWS]: { service: 'API Gateway HTTP API', region: 'us-east-1', requestsPerMillion: 1.0, freeRequests: 0 },
  [CloudProvider.AZURE]: { service: 'API Management Consumption', region: 'East US', requestsPerMillion: 4.2, freeRequests: 1000000 },
  [CloudProvider.GCP]: { service: 'API Gateway', region: 'any', requestsPerMillion: 3.0, freeRequests: 2000000 },
} as const;

/** Seconds in the average month (730 hours), as the providers' calculators use. */
export const SECONDS_PER_MONTH = 730 * 3600;
