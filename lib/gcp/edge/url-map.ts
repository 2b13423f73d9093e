import type {
  ComputeUrlMapHeaderAction, ComputeUrlMapPathMatcher, ComputeUrlMapPathMatcherRouteRules,
} from '@cdktf/provider-google/lib/compute-url-map';
import type { EdgeSpec } from '../../core/edge/edge-spec';

const REDIRECT_CODE: Record<number, string> = {
  301: 'MOVED_PERMANENTLY_DEFAULT',
  302: 'FOUND',
  303: 'SEE_OTHER',
  307: 'TEMPORARY_REDIRECT',
  308: 'PERMANENT_REDIRECT',
};

/** The URL map's header action: request and response header rules, applied to every route. */
export function headerAction(spec: EdgeSpec): ComputeUrlMapHeaderAction | undefined {
  if (spec.requestHeaders.length + spec.responseHeaders.length + spec.removeResponseHeaders.length === 0) {
    return undefined;
  }
  return {
    requestHeadersToAdd: spec.requestHeaders.length > 0
      ? spec.requestHeaders.map((h) => ({ headerName: h.name, headerValue: h.value, replace: true }))
      : undefined,
    responseHeadersToAdd: spec.responseHeaders.length > 0
      ? spec.responseHeaders.map((h) => ({ headerName: h.name, headerValue: h.value, replace: true }))
      : undefined,
    responseHeadersToRemove: spec.removeResponseHeaders.length > 0 ? [...spec.removeResponseHeaders] : undefined,
  };
}

/**
 * The path matcher every host uses: redirects (exact path, in declaration
 * order), then path rewrites (prefix), both as route rules with increasing
 * priority; everything else goes to the backend. `hostRewrite` sets the Host
 * header for an Internet NEG origin. `httpsTarget` tells whether the URL map
 * sits behind an HTTPS proxy (where https_redirect is not permitted).
 */
export function pathMatcher(spec: EdgeSpec, backendId: string, hostRewrite: string | undefined, httpsTarget: boolean): ComputeUrlMapPathMatcher {
  const routeRules: ComputeUrlMapPathMatcherRouteRules[] = [];
  let priority = 1;
  for (const r of spec.redirects) {
    routeRules.push({
      priority: priority++,
      matchRules: [{ fullPathMatch: r.fromPath }],
      urlRedirect: {
        hostRedirect: r.host,
        pathRedirect: r.path,
        // Behind the HTTP-only proxy, an https:// target must switch the scheme; behind HTTPS it already is https.
        httpsRedirect: r.host !== undefined && !httpsTarget ? true : undefined,
        redirectResponseCode: REDIRECT_CODE[r.statusCode],
        stripQuery: false,
      },
    });
  }
  for (const r of spec.rewrites) {
    routeRules.push({
      priority: priority++,
      matchRules: [{ prefixMatch: r.fromPrefix }],
      service: backendId,
      routeAction: { urlRewrite: { pathPrefixRewrite: r.toPrefix, hostRewrite } },
    });
  }
  return {
    name: 'edge',
    defaultService: backendId,
    defaultRouteAction: hostRewrite ? { urlRewrite: { hostRewrite } } : undefined,
    routeRules: routeRules.length > 0 ? routeRules : undefined,
  };
}
