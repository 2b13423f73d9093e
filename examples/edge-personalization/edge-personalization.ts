import * as path from 'path';
import { Construct } from 'constructs';
import {
  CloudProvider, EdgeEventType, EdgeFunction, EdgeOrigin, EdgeRule, EventDrivenFunction, FunctionCode, FunctionRuntime, HttpAuth, HttpMethod, Trigger,
} from '../../index';

const HANDLERS = path.join(__dirname, 'handlers');

/**
 * Custom edge code is cloud-native: a CloudFront Function on AWS, a regional
 * HTTP function that forwards to the origin on Azure and GCP (which run no
 * user code at the edge).
 */
const PERSONALIZE_CODE: Record<CloudProvider, string> = {
  [CloudProvider.AWS]: 'personalize-aws',
  [CloudProvider.AZURE]: 'personalize-azure',
  [CloudProvider.GCP]: 'personalize-gcp',
};

/**
 * The edge-personalization system, declared once: a catalog API and an edge
 * in front of it that adds security headers, hides the framework, redirects
 * an old path and puts the visitor's segment in a request header.
 * `scope` is an aws-cdk-lib Stack, an AzureStack or a GcpStack of `cloud`.
 */
export function defineEdgePersonalization(scope: Construct, cloud: CloudProvider, domainNames?: string[]): { catalog: EventDrivenFunction; edge: EdgeFunction } {
  const catalog = new EventDrivenFunction(scope, 'Catalog', {
    runtime: FunctionRuntime.NODEJS_22,
    code: FunctionCode.fromAsset(path.join(HANDLERS, 'catalog')),
    handler: 'index.handler',
    description: 'Product catalog ordered for the visitor segment',
    triggers: [Trigger.http({ path: '/products', methods: [HttpMethod.GET], auth: HttpAuth.PUBLIC })],
  });

  const edge = new EdgeFunction(scope, 'Personalize', {
    origin: EdgeOrigin.fromFunction(catalog),
    rules: [
      EdgeRule.setResponseHeader('x-frame-options', 'DENY'),
      EdgeRule.setResponseHeader('strict-transport-security', 'max-age=31536000; includeSubDomains'),
      EdgeRule.removeResponseHeader('x-powered-by'),
      EdgeRule.redirect('/shop', '/products', 301),
      EdgeRule.setRequestHeader('x-edge', 'cirrus'),
    ],
    code: FunctionCode.fromAsset(path.join(HANDLERS, PERSONALIZE_CODE[cloud])),
    eventType: EdgeEventType.VIEWER_REQUEST,
    domainNames,
  });
  return { catalog, edge };
}
