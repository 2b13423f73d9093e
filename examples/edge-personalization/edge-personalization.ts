import * as path from 'path';
import { Construct } from 'constructs';
import {
  CloudProvider, EdgeEventType, EdgeFunction, EdgeOrigin, EdgeRule, EventDrivenFunction, FunctionCode, FunctionRuntime, HandlerApi, HttpAuth, HttpMethod, Trigger,
} from '../../index';

const HANDLERS = path.join(__dirname, 'handlers');

/**
 * Custom edge code: a CloudFront Function on AWS (cloud-native: CloudFront fixes
 * its runtime and event shape), and on Azure and GCP, which run no user code at
 * the edge, one portable regional HTTP function that forwards to the origin.
 */
const PERSONALIZE_CODE: Record<CloudProvider, string> = {
  [CloudProvider.AWS]: 'personalize-aws',
  [CloudProvider.AZURE]: 'personalize-regional',
  [CloudProvider.GCP]: 'personalize-regional',
  [CloudProvider.LOCAL]: 'personalize-regional',
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
    handlerApi: HandlerApi.PORTABLE,
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
    // The regional function of Azure and GCP; CloudFront code on AWS keeps its own shape.
    handlerApi: cloud === CloudProvider.AWS ? undefined : HandlerApi.PORTABLE,
    domainNames,
  });
  return { catalog, edge };
}
