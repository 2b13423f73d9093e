import { CloudProvider } from './cloud-provider';
import { cents } from './capacity';
import { GCP_MEMORY_CPU } from './limits';
import { API_PRICE_TABLE, PRICE_TABLE } from './pricing';

/** The monthly load a function is expected to carry (read by lib/core; the public struct matches). */
export interface FunctionLoadInput {
  readonly monthlyInvocations: number;
  readonly averageDurationMs: number;
}

/** One line of a cost estimate. */
export interface CostLine {
  /** What is priced: a construct path, or `free tier`. */
  readonly item: string;
  /** What the line covers, e.g. `requests + compute` or `warm capacity`. */
  readonly kind: string;
  /** USD per month (negative for free-tier credits). */
  readonly monthlyUsd: number;
  /** How the number was made, with the prices used. */
  readonly basis: string;
}

/** Raw per-month usage of one function, before free tiers. */
interface Usage {
  readonly requests: number;
  readonly gbSeconds: number;
  readonly vcpuSeconds: number;
}

function usageOf(cloud: CloudProvider, memoryMb: number, load: FunctionLoadInput): Usage {
  const seconds = load.monthlyInvocations * (load.averageDurationMs / 1000);
  const vcpu = cloud === CloudProvider.GCP ? Number(GCP_MEMORY_CPU[memoryMb] ?? '1') : 0;
  return { requests: load.monthlyInvocations, gbSeconds: seconds * (memoryMb / 1024), vcpuSeconds: seconds * vcpu };
}

/**
 * Monthly cost of running a function under a load, at the dated list prices,
 * before the account-wide free tier (applied once per estimate by
 * freeTierCredit). With `warm` true, execution is priced at the warm
 * capacity's execution rate (AWS provisioned-concurrency compute, Azure
 * always-ready execution; GCP bills the same active rate).
 */
export function functionMonthlyCost(cloud: CloudProvider, memoryMb: number, load: FunctionLoadInput, warm: boolean): CostLine & { usage: Usage } {
  const u = usageOf(cloud, memoryMb, load);
  let usd: number;
  let basis: string;
  switch (cloud) {
    case CloudProvider.LOCAL:
      usd = 0;
      basis = 'the local run: nothing is billed';
      break;
    case CloudProvider.AWS: {
      const p = PRICE_TABLE.aws;
      const rate = warm ? p.provisionedComputePerGbSecond : p.computePerGbSecond;
      usd = (u.requests / 1e6) * p.requestsPerMillion + u.gbSeconds * rate;
      basis = `${u.requests} requests x $${p.requestsPerMillion}/M + ${round(u.gbSeconds)} GB-s x $${rate} (AWS Lambda ${p.region}, ${PRICE_TABLE.date})`;
      break;
    }
    case CloudProvider.AZURE: {
      const p = PRICE_TABLE.azure;
      const rate = warm ? p.alwaysReadyComputePerGbSecond : p.computePerGbSecond;
      usd = (u.requests / 1e6) * p.requestsPerMillion + u.gbSeconds * rate;
      basis = `${u.requests} executions x $${p.requestsPerMillion}/M + ${round(u.gbSeconds)} GB-s x $${rate} (Azure Flex Consumption ${p.region}, ${PRICE_TABLE.date})`;
      break;
    }
    default: {
      const p = PRICE_TABLE.gcp;
      usd = (u.requests / 1e6) * p.requestsPerMillion + u.vcpuSeconds * p.cpuPerVcpuSecond + u.gbSeconds * p.memoryPerGibSecond;
      basis = `${u.requests} requests x $${p.requestsPerMillion}/M + ${round(u.vcpuSeconds)} vCPU-s x $${p.cpuPerVcpuSecond} + ${round(u.gbSeconds)} GiB-s x $${p.memoryPerGibSecond} (Cloud Run ${p.region}, ${PRICE_TABLE.date})`;
    }
  }
  return { item: '', kind: 'requests + compute', monthlyUsd: cents(usd), basis, usage: u };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * The free tier credited once per estimate (it is per account or billing
 * account, so the estimate of one stack assumes it has the free tier to
 * itself; the line says so). Returns a negative amount, never more than the
 * on-demand usage it offsets. Warm (always-ready) usage gets no free grant.
 */
export function freeTierCredit(cloud: CloudProvider, onDemand: Usage[]): CostLine | undefined {
  const total = onDemand.reduce((t, u) => ({ requests: t.requests + u.requests, gbSeconds: t.gbSeconds + u.gbSeconds, vcpuSeconds: t.vcpuSeconds + u.vcpuSeconds }), { requests: 0, gbSeconds: 0, vcpuSeconds: 0 });
  let credit: number;
  let basis: string;
  switch (cloud) {
    case CloudProvider.LOCAL:
      return undefined;
    case CloudProvider.AWS: {
      const p = PRICE_TABLE.aws;
      credit = (Math.min(total.requests, p.freeRequests) / 1e6) * p.requestsPerMillion + Math.min(total.gbSeconds, p.freeGbSeconds) * p.computePerGbSecond;
      basis = `AWS Lambda free tier: ${p.freeRequests} requests and ${p.freeGbSeconds} GB-s a month per account`;
      break;
    }
    case CloudProvider.AZURE: {
      const p = PRICE_TABLE.azure;
      credit = (Math.min(total.requests, p.freeRequests) / 1e6) * p.requestsPerMillion + Math.min(total.gbSeconds, p.freeGbSeconds) * p.computePerGbSecond;
      basis = `Azure Flex Consumption on-demand free grant: ${p.freeRequests} executions and ${p.freeGbSeconds} GB-s a month per subscription`;
      break;
    }
    default: {
      const p = PRICE_TABLE.gcp;
      credit = (Math.min(total.requests, p.freeRequests) / 1e6) * p.requestsPerMillion + Math.min(total.vcpuSeconds, p.freeVcpuSeconds) * p.cpuPerVcpuSecond
        + Math.min(total.gbSeconds, p.freeGibSeconds) * p.memoryPerGibSecond;
      basis = `Cloud Run free tier: ${p.freeRequests} requests, ${p.freeVcpuSeconds} vCPU-s and ${p.freeGibSeconds} GiB-s a month per billing account`;
    }
  }
  const usd = cents(credit);
  return usd > 0 ? { item: 'free tier', kind: 'credit', monthlyUsd: -usd, basis } : undefined;
}

/**
 * Monthly cost of an HttpApi's front door for `requests` a month (the
 * expected invocations of the functions it routes to), after its free
 * allowance; nothing in the local run.
 */
export function apiMonthlyCost(cloud: CloudProvider, requests: number): CostLine {
  if (cloud === CloudProvider.LOCAL) {
    return { item: '', kind: 'API requests', monthlyUsd: 0, basis: 'the local run: nothing is billed' };
  }
  const p = API_PRICE_TABLE[cloud];
  const billed = Math.max(requests - p.freeRequests, 0);
  const free = p.freeRequests > 0 ? ` after ${p.freeRequests} free` : '';
  return {
    item: '',
    kind: 'API requests',
    monthlyUsd: cents((billed / 1e6) * p.requestsPerMillion),
    basis: `${requests} requests${free} x $${p.requestsPerMillion}/M (${p.service} ${p.region}, ${API_PRICE_TABLE.date}); the routed functions' expectedLoad`,
  };
}
