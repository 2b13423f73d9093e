import type { IConstruct } from 'constructs';
import { CLOUD_LABEL, CloudProvider } from './cloud-provider';
import { describeValue, ProblemCollector } from './errors';
import { HttpAuth, HttpMethod } from './http';
import { HandleSlot } from './handle-slot';
import { isUnresolved } from './tokens';
import { A_STRING, checkTypes, checkWholeNumber, oneOf, STRINGS, struct } from './validation';

/** The validated spec of each HttpApi (set by its constructor; a route without auth takes the API's). */
export const HTTP_API_SPECS = new HandleSlot<HttpApiSpec>('HttpApi spec');

/**
 * One HTTP endpoint for many functions (an HttpApi), which HTTP triggers
 * name as their `api`.
 */
export interface IHttpApi extends IConstruct {
  /** The cloud of the API. */
  readonly provider: CloudProvider;
  /** The API's base URL (a token; empty on a LocalStack, whose routes LocalRun serves at its own URL). */
  readonly url: string;
}

/**
 * Request rate limits of an HttpApi.
 */
export interface HttpApiThrottle {
  /** Steady requests per second. AWS: 1-10000 (the account's default quota); Azure: 1-10000. */
  readonly ratePerSecond: number;
  /** Requests allowed in a burst above the rate. AWS: 1-5000; Azure has no burst (see the README). */
  readonly burst: number;
}

/** The HttpApi props as lib/core reads them. */
export interface HttpApiInput {
  readonly auth?: HttpAuth;
  readonly corsAllowedOrigins?: string[];
  readonly throttle?: HttpApiThrottle;
  readonly contactEmail?: string;
}

/** An HttpApi validated for one cloud. */
export interface HttpApiSpec {
  readonly cloud: CloudProvider;
  readonly constructPath: string;
  /** The auth of routes that set none. */
  readonly auth: HttpAuth;
  readonly corsAllowedOrigins: string[];
  /** The throttle, with the default applied where the cloud has one (undefined: none). */
  readonly throttle?: HttpApiThrottle;
  /** Azure: the API Management publisher email. */
  readonly contactEmail?: string;
}

/** One route of an HttpApi: a function's HTTP trigger, with the auth it resolves to. */
export interface ApiRoute {
  /** The construct path of the function that answers. */
  readonly functionPath: string;
  readonly triggerId: string;
  readonly path: string;
  readonly methods: HttpMethod[];
  readonly auth: HttpAuth;
}

/**
 * The stage throttle of every Cirrus HTTP API on AWS, and the default of an
 * HttpApi (AWS stage default route throttling; Azure rate-limit calls per second).
 */
export const DEFAULT_THROTTLE: HttpApiThrottle = { ratePerSecond: 1000, burst: 500 };

/**
 * Per cloud: throttle ranges. AWS: account-level quotas of API Gateway,
 * 10,000 requests per second with a burst of 5,000
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html).
 * Azure: the `rate-limit` policy counts `calls` in a sliding `renewal-period`
 * and has no burst (https://learn.microsoft.com/azure/api-management/rate-limit-policy,
 * "APPLIES TO: All API Management tiers"; `rate-limit-by-key` is not offered in the
 * Consumption tier: https://learn.microsoft.com/azure/api-management/rate-limit-by-key-policy).
 * GCP: API Gateway has no rate limit of its own; its quotas
 * (`x-google-management` + `x-google-quota`) count per consumer project
 * identified by an API key (https://cloud.google.com/api-gateway/docs/quotas-configure),
 * which Cirrus routes do not use, so a throttle is refused there.
 */
const THROTTLE_RANGE: Partial<Record<CloudProvider, { rate: { min: number; max: number }; burst: { min: number; max: number } }>> = {
  [CloudProvider.AWS]: { rate: { min: 1, max: 10000 }, burst: { min: 1, max: 5000 } },
  [CloudProvider.AZURE]: { rate: { min: 1, max: 10000 }, burst: { min: 1, max: 10000 } },
  [CloudProvider.LOCAL]: { rate: { min: 1, max: 10000 }, burst: { min: 1, max: 5000 } },
};

/** An allowed CORS origin: `*`, or scheme://host[:port] without a path. */
const ORIGIN = /^(\*|https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?)$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * Validates an HttpApi's props for one cloud. Throws one CirrusValidationError
 * listing every problem.
 */
/** What an HttpApi's stack tells the spec: the AzureStack's vault, which holds the backends' function keys. */
export interface HttpApiContext {
  readonly keyVaultName?: string;
}

/**
 * API operations one API Management Consumption service holds
 * (https://learn.microsoft.com/azure/api-management/service-limits: 3,000).
 */
export const AZURE_CONSUMPTION_MAX_OPERATIONS = 3000;

export function buildHttpApiSpec(cloud: CloudProvider, constructPath: string, props: HttpApiInput, ctx: HttpApiContext = {}): HttpApiSpec {
  const problems = new ProblemCollector();
  const label = CLOUD_LABEL[cloud];
  const input = checkTypes(problems, props, {
    auth: oneOf(Object.values(HttpAuth), 'HttpAuth.PRIVATE or HttpAuth.PUBLIC'),
    corsAllowedOrigins: STRINGS,
    throttle: struct('HttpApiThrottle', '{ ratePerSecond: 1000, burst: 500 }'),
    contactEmail: A_STRING,
  });
  const origins = input.corsAllowedOrigins ?? [];
  for (const o of origins) {
    if (!isUnresolved(o) && !ORIGIN.test(o)) {
      problems.invalid('corsAllowedOrigins', 'must hold "*" or origins such as "https://shop.example.com" (scheme and host, no path)', o);
    }
  }
  // Google API Gateway does not answer CORS preflight requests itself (only `allowCors`, which passes them
  // to the backend: https://cloud.google.com/api-gateway/docs/openapi-overview#cors), and Cirrus backends do not answer them.
  if (origins.length > 0 && cloud === CloudProvider.GCP) {
    problems.add('corsAllowedOrigins cannot be honoured on GCP: API Gateway passes CORS preflight requests to the backend (x-google-endpoints allowCors) instead of answering them; leave corsAllowedOrigins out on GCP or answer OPTIONS in the handler with a route of its own');
  }
  let throttle: HttpApiThrottle | undefined;
  if (input.throttle !== undefined) {
    const range = THROTTLE_RANGE[cloud];
    if (!range) {
      problems.add(`throttle cannot be honoured on ${label}: API Gateway has no request-rate limit, only quotas per consumer API key (https://cloud.google.com/api-gateway/docs/quotas-configure); leave throttle out on GCP (the backends' maxConcurrency bounds the load)`);
    } else {
      const t = input.throttle as Partial<HttpApiThrottle>;
      const rateOk = checkWholeNumber(problems, 'throttle.ratePerSecond', t.ratePerSecond, range.rate, ` on ${label}`);
      const burstOk = checkWholeNumber(problems, 'throttle.burst', t.burst, range.burst, ` on ${label}`);
      if (t.ratePerSecond === undefined || t.burst === undefined) {
        problems.add('throttle needs both ratePerSecond and burst');
      } else if (rateOk && burstOk) {
        throttle = { ratePerSecond: t.ratePerSecond, burst: t.burst };
      }
    }
  } else if (cloud !== CloudProvider.GCP && !(cloud === CloudProvider.AZURE && input.auth === HttpAuth.PUBLIC)) {
    throttle = DEFAULT_THROTTLE;
  }
  // Azure's rate-limit counts per subscription key, which a PUBLIC API does not take.
  if (cloud === CloudProvider.AZURE && input.auth === HttpAuth.PUBLIC && input.throttle !== undefined) {
    problems.add('throttle cannot be honoured by a PUBLIC HttpApi on Azure: API Management\'s rate-limit policy counts per subscription key, and rate-limit-by-key (per caller IP) is not offered in the Consumption tier (https://learn.microsoft.com/azure/api-management/rate-limit-by-key-policy); leave throttle out or make the API PRIVATE');
  }
  if (cloud === CloudProvider.AZURE) {
    if (!ctx.keyVaultName) {
      problems.add('an HttpApi on Azure needs the AzureStack\'s keyVaultName (a vault with Azure RBAC authorization): API Management reads the function keys of its backends from there, so no key is in Terraform values');
    }
    if (input.contactEmail === undefined) {
      problems.add('contactEmail is required on Azure: API Management needs a publisher email, which receives its service notifications');
    } else if (!isUnresolved(input.contactEmail) && !EMAIL.test(input.contactEmail)) {
      problems.invalid('contactEmail', 'must be an email address', input.contactEmail);
    }
  }
  problems.throwIfAny(constructPath);
  return {
    cloud,
    constructPath,
    auth: input.auth ?? HttpAuth.PRIVATE,
    corsAllowedOrigins: [...origins],
    throttle,
    contactEmail: input.contactEmail,
  };
}

/** Segments of a route path. */
function segments(path: string): string[] {
  return path.split('/').filter(Boolean);
}

const GREEDY = /^\{[A-Za-z_][A-Za-z0-9_]*\+\}$/;
const PARAM = /^\{[A-Za-z_][A-Za-z0-9_]*\}$/;

/**
 * Whether two paths match the same requests: segment by segment, a parameter
 * matches any literal or parameter; a greedy last segment `{name+}` matches
 * any one or more segments. Two different literals never meet.
 */
function pathsOverlap(a: string, b: string): boolean {
  const sa = segments(a);
  const sb = segments(b);
  for (let i = 0; ; i++) {
    const x = sa[i];
    const y = sb[i];
    if (x === undefined || y === undefined) {
      // One path ended: they meet only if both did (a greedy segment needs at least one more segment).
      return x === undefined && y === undefined;
    }
    if (GREEDY.test(x) || GREEDY.test(y)) {
      return true;
    }
    if (!PARAM.test(x) && !PARAM.test(y) && x !== y) {
      return false;
    }
  }
}

/** Whether two method sets share a method (ANY shares every method). */
function methodsOverlap(a: HttpMethod[], b: HttpMethod[]): HttpMethod[] {
  if (a.includes(HttpMethod.ANY)) {
    return b;
  }
  if (b.includes(HttpMethod.ANY)) {
    return a;
  }
  return a.filter((m) => b.includes(m));
}

/** The path with each parameter's name replaced, so `/o/{id}` and `/o/{orderId}` compare equal. */
function shape(path: string): string {
  return segments(path).map((s) => (GREEDY.test(s) ? '{+}' : PARAM.test(s) ? '{}' : s)).join('/');
}

/**
 * Conflicts of new routes with an API's routes, each naming both functions:
 * the same method and path twice (parameter names aside), or a greedy path
 * `{name+}` that would take requests another route declares for the same
 * method. API Gateway, API Management and GCP API Gateway each pick one of
 * such routes by their own precedence rules, which differ, so Cirrus refuses
 * them rather than let the clouds disagree. Routes whose literal segments
 * differ from a parameter (`/orders/new` and `/orders/{id}`) are allowed:
 * every cloud prefers the literal segment.
 */
export function routeConflicts(apiPath: string, existing: ApiRoute[], added: ApiRoute[]): string[] {
  const problems: string[] = [];
  const all = [...existing];
  for (const r of added) {
    for (const other of all) {
      const shared = methodsOverlap(r.methods, other.methods);
      if (shared.length === 0) {
        continue;
      }
      const who = `${other.functionPath} (${other.methods.join(',')} ${other.path}) and ${r.functionPath} (${r.methods.join(',')} ${r.path})`;
      if (shape(r.path) === shape(other.path)) {
        problems.push(`HttpApi ${apiPath}: ${who} declare the same route ${describeValue(`${shared.join(',')} ${r.path}`)}; one method and path goes to one function`);
      } else if (pathsOverlap(r.path, other.path) && (r.path.includes('+}') || other.path.includes('+}'))) {
        problems.push(`HttpApi ${apiPath}: the greedy path of ${who} would shadow the other for ${shared.join(',')}: the clouds order such routes differently; give them distinct literal prefixes`);
      }
    }
    all.push(r);
  }
  return problems;
}

/** The path parameters of a route path, greedy last, in order. */
export function pathParameters(path: string): Array<{ name: string; greedy: boolean }> {
  return segments(path).filter((s) => s.startsWith('{')).map((s) => ({ name: s.replace(/[{}+]/g, ''), greedy: s.endsWith('+}') }));
}

/**
 * The route path as an API Management URL template: parameters stay
 * `{name}`; a greedy last segment becomes the wildcard `*`
 * (https://learn.microsoft.com/azure/api-management/add-api-manually#add-and-test-a-wildcard-operation).
 */
export function azureUrlTemplate(path: string): string {
  return path === '/' ? '/' : `/${segments(path).map((s) => (GREEDY.test(s) ? '*' : s)).join('/')}`;
}

/**
 * The route path as an OpenAPI 2.0 path of GCP API Gateway: parameters stay
 * `{name}`; a greedy last segment becomes the double wildcard `{name=**}`
 * (https://cloud.google.com/api-gateway/docs/path-templating).
 */
export function openApiPath(path: string): string {
  return path === '/' ? '/' : `/${segments(path).map((s) => (GREEDY.test(s) ? `{${s.slice(1, -2)}=**}` : s)).join('/')}`;
}

/** Every method HttpMethod.ANY stands for, on clouds whose routes name one method each (API Management, OpenAPI). */
export const EXPLICIT_METHODS: HttpMethod[] = [
  HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.HEAD, HttpMethod.OPTIONS,
];

/** The methods of a route, HttpMethod.ANY spelled out. */
export function explicitMethods(methods: HttpMethod[]): HttpMethod[] {
  return methods.includes(HttpMethod.ANY) ? EXPLICIT_METHODS : methods;
}

/**
 * What a cloud cannot express of an API's routes. Azure: the subscription
 * key Cirrus uses for PRIVATE is required per API, never per operation
 * (https://learn.microsoft.com/azure/api-management/api-management-subscriptions),
 * so one API's routes must share one auth there.
 */
export function routeProblemsFor(spec: HttpApiSpec, existing: ApiRoute[], added: ApiRoute[]): string[] {
  if (spec.cloud !== CloudProvider.AZURE) {
    return [];
  }
  const operations = [...existing, ...added].reduce((n, r) => n + explicitMethods(r.methods).length, 0);
  const tooMany = operations > AZURE_CONSUMPTION_MAX_OPERATIONS
    ? [`HttpApi ${spec.constructPath} would hold ${operations} operations (routes x methods; ANY counts ${EXPLICIT_METHODS.length}), more than the ${AZURE_CONSUMPTION_MAX_OPERATIONS} an API Management Consumption service holds: split the routes over two HttpApis`]
    : [];
  return [...tooMany, ...added.filter((r) => r.auth !== spec.auth).map((r) => `${r.functionPath}: route ${r.methods.join(',')} ${r.path} sets auth ${r.auth} on HttpApi ${spec.constructPath} (auth ${spec.auth}); on Azure a subscription key is required per API, not per route: use a second HttpApi for the ${r.auth} routes`)];
}
