import { ComputeBackendService } from '@cdktf/provider-google/lib/compute-backend-service';
import { ComputeGlobalAddress } from '@cdktf/provider-google/lib/compute-global-address';
import { ComputeGlobalForwardingRule } from '@cdktf/provider-google/lib/compute-global-forwarding-rule';
import { ComputeGlobalNetworkEndpoint } from '@cdktf/provider-google/lib/compute-global-network-endpoint';
import { ComputeGlobalNetworkEndpointGroup } from '@cdktf/provider-google/lib/compute-global-network-endpoint-group';
import { ComputeManagedSslCertificate } from '@cdktf/provider-google/lib/compute-managed-ssl-certificate';
import { ComputeRegionNetworkEndpointGroup } from '@cdktf/provider-google/lib/compute-region-network-endpoint-group';
import { ComputeSslPolicy } from '@cdktf/provider-google/lib/compute-ssl-policy';
import { ComputeTargetHttpProxy } from '@cdktf/provider-google/lib/compute-target-http-proxy';
import { ComputeTargetHttpsProxy } from '@cdktf/provider-google/lib/compute-target-https-proxy';
import { ComputeUrlMap } from '@cdktf/provider-google/lib/compute-url-map';
import type { Cloudfunctions2Function } from '@cdktf/provider-google/lib/cloudfunctions2-function';
import { Fn, ITerraformDependable } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import type { GcpStack } from '../../../constructs/gcp-stack';
import type { EdgeSpec } from '../../core/edge/edge-spec';
import type { EdgeRenderInput, RenderedEdge } from '../../targets/load-edge-renderer';
import { gcpName } from '../names';
import { GCP_FUNCTIONS } from '../handles';
import { enabledApis, gcpStackOf } from '../stack-services';
import { headerAction, pathMatcher } from './url-map';

/** The ingress setting that admits only internal traffic and Google Cloud load balancers. */
export const LOAD_BALANCER_INGRESS = 'ALLOW_INTERNAL_AND_GCLB';

/** compute.googleapis.com, which the load balancer needs (not in GOOGLE_APIS, so enabled here). */
function computeApi(stack: GcpStack): ITerraformDependable[] {
  return enabledApis(stack, 'compute') ?? [];
}

/**
 * Limits a function's ingress to internal traffic and Google Cloud load
 * balancers. The function renderer (EventDrivenFunction's) sets ALLOW_ALL;
 * this edge renderer overrides that one field on its Cloudfunctions2Function
 * (node.defaultChild) rather than reaching into the renderer. Pub/Sub push
 * and Cloud Scheduler of the same project still count as internal.
 */
function limitIngressToLoadBalancer(fn: IConstruct): Cloudfunctions2Function {
  const resource = GCP_FUNCTIONS.of(fn).fn;
  resource.addOverride('service_config.ingress_settings', LOAD_BALANCER_INGRESS);
  return resource;
}

/** Serverless NEGs (one per function, in its region) or an Internet NEG for a URL origin; and the Host to send. */
function backends(scope: Construct, spec: EdgeSpec, input: EdgeRenderInput, deps: ITerraformDependable[]): { groups: string[]; hostRewrite?: string } {
  const functions = input.regionalFunctions.length > 0 ? input.regionalFunctions : spec.origin.originFunction ? [spec.origin.originFunction] : [];
  if (functions.length > 0) {
    const groups = functions.map((fn, i) => {
      const resource = limitIngressToLoadBalancer(fn);
      // A serverless NEG lives in the region of the function it serves.
      const region = GCP_FUNCTIONS.of(fn).region;
      return new ComputeRegionNetworkEndpointGroup(scope, i === 0 ? 'ServerlessNeg' : `ServerlessNeg-${fn.node.id}`, {
        name: gcpName(scope, 'gcpResource', i === 0 ? 'neg' : `neg-${fn.node.id}`),
        region,
        networkEndpointType: 'SERVERLESS',
        // A 2nd gen function is served by the Cloud Run service of the same name.
        cloudRun: { service: fn.functionName },
        dependsOn: [...deps, resource],
      }).id;
    });
    return { groups };
  }
  const host = spec.origin.host ?? Fn.element(Fn.split('/', spec.origin.url!), 2);
  const neg = new ComputeGlobalNetworkEndpointGroup(scope, 'InternetNeg', {
    name: gcpName(scope, 'gcpResource', 'neg'),
    networkEndpointType: 'INTERNET_FQDN_PORT',
    defaultPort: 443,
    dependsOn: deps,
  });
  new ComputeGlobalNetworkEndpoint(scope, 'InternetEndpoint', {
    globalNetworkEndpointGroup: neg.name,
    fqdn: host,
    port: 443,
  });
  return { groups: [neg.id], hostRewrite: host };
}

/**
 * Renders an EdgeFunction as a global external Application Load Balancer
 * (EXTERNAL_MANAGED): serverless NEGs for the functions (their ingress
 * limited to the load balancer) or an Internet NEG for a URL origin, a
 * backend service with Cloud CDN (caching as the origin's headers say) and
 * request logs, a URL map with the rules' header, redirect and rewrite
 * actions, and the frontend: with domainNames a Google-managed certificate,
 * an HTTPS proxy with a TLS 1.2+ policy and an HTTP-to-HTTPS redirect; without
 * them an HTTP proxy on port 80 (a managed certificate needs a domain).
 */
export function renderEdge(scope: Construct, spec: EdgeSpec, input: EdgeRenderInput): RenderedEdge {
  const stack = gcpStackOf(scope);
  const deps = computeApi(stack);
  const { groups, hostRewrite } = backends(scope, spec, input, deps);
  const https = spec.domainNames.length > 0;

  const backend = new ComputeBackendService(scope, 'Backend', {
    name: gcpName(scope, 'gcpResource', 'backend'),
    description: `Backend of ${scope.node.path}`,
    loadBalancingScheme: 'EXTERNAL_MANAGED',
    protocol: 'HTTPS',
    enableCdn: true,
    cdnPolicy: {
      cacheMode: 'USE_ORIGIN_HEADERS',
      cacheKeyPolicy: { includeHost: true, includeProtocol: true, includeQueryString: true },
    },
    backend: groups.map((group) => ({ group })),
    logConfig: spec.accessLogs ? { enable: true, sampleRate: 1 } : { enable: false },
    dependsOn: deps,
  });
  const urlMap = new ComputeUrlMap(scope, 'UrlMap', {
    name: gcpName(scope, 'gcpResource', 'urlmap'),
    description: `EdgeRules of ${scope.node.path}`,
    defaultService: backend.id,
    headerAction: headerAction(spec),
    hostRule: [{ hosts: ['*'], pathMatcher: 'edge' }],
    pathMatcher: [pathMatcher(spec, backend.id, hostRewrite, https)],
    dependsOn: deps,
  });
  const address = new ComputeGlobalAddress(scope, 'Address', {
    name: gcpName(scope, 'gcpResource', 'ip'),
    description: `Address of ${scope.node.path}`,
    addressType: 'EXTERNAL',
    ipVersion: 'IPV4',
    dependsOn: deps,
  });
  const forwardingRule = (id: string, suffix: string, target: string, port: string) => new ComputeGlobalForwardingRule(scope, id, {
    name: gcpName(scope, 'gcpResource', suffix),
    target,
    portRange: port,
    ipAddress: address.address,
    ipProtocol: 'TCP',
    loadBalancingScheme: 'EXTERNAL_MANAGED',
  });

  if (https) {
    const certificate = new ComputeManagedSslCertificate(scope, 'Certificate', {
      name: gcpName(scope, 'gcpResource', 'cert'),
      managed: { domains: [...spec.domainNames] },
      dependsOn: deps,
    });
    const sslPolicy = new ComputeSslPolicy(scope, 'SslPolicy', {
      name: gcpName(scope, 'gcpResource', 'tls'),
      profile: 'MODERN',
      minTlsVersion: 'TLS_1_2',
      dependsOn: deps,
    });
    const httpsProxy = new ComputeTargetHttpsProxy(scope, 'HttpsProxy', {
      name: gcpName(scope, 'gcpResource', 'https'),
      urlMap: urlMap.id,
      sslCertificates: [certificate.id],
      sslPolicy: sslPolicy.id,
    });
    forwardingRule('HttpsForwardingRule', 'https', httpsProxy.id, '443');
    const redirectMap = new ComputeUrlMap(scope, 'HttpRedirectUrlMap', {
      name: gcpName(scope, 'gcpResource', 'to-https'),
      description: `HTTP to HTTPS redirect of ${scope.node.path}`,
      defaultUrlRedirect: { httpsRedirect: true, stripQuery: false, redirectResponseCode: 'MOVED_PERMANENTLY_DEFAULT' },
      dependsOn: deps,
    });
    const redirectProxy = new ComputeTargetHttpProxy(scope, 'HttpRedirectProxy', { name: gcpName(scope, 'gcpResource', 'http'), urlMap: redirectMap.id });
    forwardingRule('HttpForwardingRule', 'http', redirectProxy.id, '80');
  } else {
    // No domain, no Google-managed certificate: plain HTTP (EdgeFunction adds a warning saying so).
    const httpProxy = new ComputeTargetHttpProxy(scope, 'HttpProxy', { name: gcpName(scope, 'gcpResource', 'http'), urlMap: urlMap.id });
    forwardingRule('HttpForwardingRule', 'http', httpProxy.id, '80');
  }
  const domainName = spec.domainNames[0] ?? address.address;
  return { resource: urlMap, url: `${https ? 'https' : 'http'}://${domainName}`, domainName };
}
