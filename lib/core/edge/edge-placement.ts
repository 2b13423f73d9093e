// Where an edge runs: the regions of regional code, and the domain names it serves.
import { CLOUD_LABEL, CloudProvider } from '../cloud-provider';
import { describeValue, ProblemCollector } from '../errors';
import { isUnresolved } from '../tokens';
import { REGION_PATTERN } from '../regions';
import type { EdgeCodeSpec, EdgeContext, EdgeInput } from './edge-spec';
import { HOST } from './edge-patterns';

/** Where custom code runs. */
export enum EdgeCodePlacement {
  /** AWS CloudFront Function. */
  CLOUDFRONT_FUNCTION = 'cloudfront-function',
  /** AWS Lambda@Edge. */
  LAMBDA_AT_EDGE = 'lambda-at-edge',
  /** A regional EventDrivenFunction behind Front Door or the load balancer (Azure, GCP). */
  REGIONAL = 'regional',
}

/** Environment variables Cirrus gives a regional code function. */
export const EDGE_ENV = {
  originUrl: 'CIRRUS_EDGE_ORIGIN_URL',
  eventType: 'CIRRUS_EDGE_EVENT_TYPE',
};

/** The regions of regional code (Azure, GCP): the stack's region unless listed. */
export function normaliseRegions(problems: ProblemCollector, cloud: CloudProvider, input: EdgeInput, ctx: EdgeContext, code: EdgeCodeSpec | undefined, warnings: string[]): string[] {
  const regions = input.regions;
  if (regions !== undefined && input.code === undefined) {
    problems.invalid('regions', 'places the regional functions that run custom code on Azure and GCP: set code too, or remove it', regions);
    return [];
  }
  if (!code) {
    return [];
  }
  if (cloud === CloudProvider.AWS) {
    if (regions !== undefined) {
      warnings.push('regions is not used on AWS: CloudFront runs edge code in its edge locations (CloudFront Functions) or regional edge caches (Lambda@Edge)');
    }
    return [];
  }
  const list = regions ?? [ctx.stackRegion];
  if (!Array.isArray(list) || list.length === 0) {
    problems.invalid('regions', `must name at least one ${CLOUD_LABEL[cloud]} region: custom code runs as a regional function there`, regions);
    return [];
  }
  const seen = new Set<string>();
  for (const region of list) {
    if (typeof region !== 'string' || !REGION_PATTERN[cloud].test(region)) {
      problems.invalid('regions', `must hold ${CLOUD_LABEL[cloud]} region names such as ${describeValue(ctx.stackRegion)}`, region);
    } else if (seen.has(region)) {
      problems.add(`regions names ${describeValue(region)} twice`);
    }
    seen.add(String(region));
  }
  return [...seen];
}

/** The domain names the edge serves, lowercased and checked. */
export function normaliseDomains(problems: ProblemCollector, cloud: CloudProvider, input: EdgeInput): string[] {
  const domains = input.domainNames ?? [];
  const out: string[] = [];
  domains.forEach((d, i) => {
    if (typeof d === 'string' && isUnresolved(d)) {
      out.push(d);
    } else if (typeof d !== 'string' || !HOST.test(d.toLowerCase())) {
      problems.invalid(`domainNames[${i}]`, 'must be a fully qualified domain name such as "www.example.com" (no wildcards: GCP and Azure managed certificates do not issue them)', d);
    } else if (out.includes(d.toLowerCase())) {
      problems.add(`domainNames names ${describeValue(d)} twice`);
    } else {
      out.push(d.toLowerCase());
    }
  });
  const arn = input.certificateArn;
  if (cloud === CloudProvider.AWS) {
    if (out.length > 0 && arn === undefined) {
      problems.add('domainNames on AWS needs certificateArn: an ACM certificate in us-east-1 that covers them (CloudFront only uses certificates from us-east-1)');
    }
    if (arn !== undefined && out.length === 0) {
      problems.invalid('certificateArn', 'needs domainNames: the certificate serves the distribution\'s custom domain names', arn);
    }
    if (arn !== undefined && !isUnresolved(arn) && !/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[A-Za-z0-9-]+$/.test(arn)) {
      problems.invalid('certificateArn', 'must be the ARN of an ACM certificate in us-east-1 (arn:aws:acm:us-east-1:<account>:certificate/<id>)', arn);
    }
  } else if (arn !== undefined) {
    problems.invalid('certificateArn', `is an AWS ACM certificate; ${CLOUD_LABEL[cloud]} issues a managed certificate for each of domainNames: remove it for this stack`, arn);
  }
  return out;
}
