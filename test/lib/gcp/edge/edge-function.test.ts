import { IConstruct } from 'constructs';
import {
  CloudProvider, EdgeEventType, EdgeFunction, EdgeOrigin, EdgeRule, EventDrivenFunction, FunctionCode, FunctionRuntime, GcpStack, HttpAuth, Trigger,
} from '../../../../index';
import { gcpStack, resourceOf, resourcesOf, synth } from '../helpers';

const API_CODE = FunctionCode.fromInline('exports.handler = (req, res) => res.send("ok");');
const PROXY_CODE = FunctionCode.fromInline('exports.handler = async (req, res) => res.send(process.env.CIRRUS_EDGE_ORIGIN_URL);');
const NAME = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

function api(stack: GcpStack, auth = HttpAuth.PUBLIC): EventDrivenFunction {
  return new EventDrivenFunction(stack, 'Api', { runtime: FunctionRuntime.NODEJS_22, code: API_CODE, handler: 'index.handler', triggers: [Trigger.http({ auth })] });
}

function warnings(c: IConstruct): string[] {
  return c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));
}

function functionNamed(tf: ReturnType<typeof synth>, prefix: string): Record<string, any> {
  return Object.entries(resourcesOf(tf, 'google_cloudfunctions2_function')).find(([k]) => k.startsWith(prefix))![1];
}

describe('EdgeFunction on GCP', () => {
  test('renders a global external ALB: serverless NEG to the function, backend with Cloud CDN and logs, URL map, HTTP proxy with a warning', () => {
    const stack = gcpStack();
    const fn = api(stack);
    const edge = new EdgeFunction(stack, 'Edge', { origin: EdgeOrigin.fromFunction(fn) });
    expect(edge.provider).toBe(CloudProvider.GCP);
    const tf = synth(stack);
    const neg = resourceOf(tf, 'google_compute_region_network_endpoint_group');
    expect(neg).toMatchObject({ region: 'europe-west1', network_endpoint_type: 'SERVERLESS', cloud_run: { service: fn.functionName } });
    expect(neg.depends_on).toEqual(expect.arrayContaining(['google_project_service.CirrusApiCompute', expect.stringMatching(/^google_cloudfunctions2_function\.Api_/)]));
    const backend = resourceOf(tf, 'google_compute_backend_service');
    expect(backend).toMatchObject({
      load_balancing_scheme: 'EXTERNAL_MANAGED',
      protocol: 'HTTPS',
      enable_cdn: true,
      cdn_policy: { cache_mode: 'USE_ORIGIN_HEADERS', cache_key_policy: { include_host: true, include_protocol: true, include_query_string: true } },
      backend: [{ group: expect.stringMatching(/^\$\{google_compute_region_network_endpoint_group\.Edge_ServerlessNeg_[0-9A-F]+\.id\}$/) }],
      log_config: { enable: true, sample_rate: 1 },
    });
    expect(backend).not.toHaveProperty('health_checks');
    const urlMap = resourceOf(tf, 'google_compute_url_map');
    expect(urlMap).toMatchObject({
      default_service: expect.stringMatching(/google_compute_backend_service\.Edge_Backend_/),
      host_rule: [{ hosts: ['*'], path_matcher: 'edge' }],
      path_matcher: [{ name: 'edge', default_service: urlMap.default_service }],
    });
    expect(urlMap).not.toHaveProperty('header_action');
    expect(resourceOf(tf, 'google_compute_target_http_proxy').url_map).toMatch(/google_compute_url_map\.Edge_UrlMap_/);
    expect(resourcesOf(tf, 'google_compute_target_https_proxy')).toEqual({});
    expect(resourceOf(tf, 'google_compute_global_forwarding_rule')).toMatchObject({
      port_range: '80', load_balancing_scheme: 'EXTERNAL_MANAGED', ip_protocol: 'TCP',
      ip_address: expect.stringMatching(/google_compute_global_address\.Edge_Address_[0-9A-F]+\.address/),
    });
    expect(resourceOf(tf, 'google_project_service', 'CirrusApiCompute')).toMatchObject({ service: 'compute.googleapis.com', disable_on_destroy: false });
    for (const type of ['google_compute_region_network_endpoint_group', 'google_compute_backend_service', 'google_compute_url_map', 'google_compute_target_http_proxy', 'google_compute_global_forwarding_rule', 'google_compute_global_address']) {
      for (const r of Object.values(resourcesOf(tf, type))) {
        expect(r.name).toMatch(NAME);
      }
    }
    expect(edge.url).toMatch(/^http:\/\/\$\{TfToken\[TOKEN\.\d+\]\}$/);
    expect(warnings(edge)).toEqual([expect.stringMatching(/^no domainNames: a Google-managed certificate needs a domain, so the load balancer serves HTTP on port 80 only/)]);
  });

  test('limits the origin function\'s ingress to the load balancer through an override of its Cloudfunctions2Function', () => {
    const stack = gcpStack();
    const fn = api(stack);
    new EdgeFunction(stack, 'Edge', { origin: EdgeOrigin.fromFunction(fn) });
    const tf = synth(stack);
    expect(functionNamed(tf, 'Api_').service_config.ingress_settings).toBe('ALLOW_INTERNAL_AND_GCLB');
    // The function stays public to callers that reach it (the load balancer sends no identity token).
    expect(resourceOf(tf, 'google_cloud_run_v2_service_iam_member')).toMatchObject({ member: 'allUsers', role: 'roles/run.invoker' });
  });

  test('compiles rules into URL map header actions, redirect and rewrite route rules', () => {
    const stack = gcpStack();
    new EdgeFunction(stack, 'Edge', {
      origin: EdgeOrigin.fromUrl('https://shop.example.com'),
      domainNames: ['www.example.com'],
      rules: [
        EdgeRule.setResponseHeader('X-Frame-Options', 'DENY'),
        EdgeRule.removeResponseHeader('x-powered-by'),
        EdgeRule.setRequestHeader('x-edge', 'cirrus'),
        EdgeRule.redirect('/old', 'https://www.example.com/new', 308),
        EdgeRule.redirect('/shop', '/products', 303),
        EdgeRule.rewritePath('/api/', '/v2/'),
      ],
    });
    const tf = synth(stack);
    const urlMap = resourceOf(tf, 'google_compute_url_map', 'Edge_UrlMap');
    expect(urlMap.header_action).toEqual({
      request_headers_to_add: [{ header_name: 'x-edge', header_value: 'cirrus', replace: true }],
      response_headers_to_add: [{ header_name: 'x-frame-options', header_value: 'DENY', replace: true }],
      response_headers_to_remove: ['x-powered-by'],
    });
    const matcher = urlMap.path_matcher[0];
    // An Internet NEG origin gets its own Host header.
    expect(matcher.default_route_action).toEqual({ url_rewrite: { host_rewrite: 'shop.example.com' } });
    expect(matcher.route_rules).toEqual([
      {
        priority: 1,
        match_rules: [{ full_path_match: '/old' }],
        url_redirect: { host_redirect: 'www.example.com', path_redirect: '/new', redirect_response_code: 'PERMANENT_REDIRECT', strip_query: false },
      },
      {
        priority: 2,
        match_rules: [{ full_path_match: '/shop' }],
        url_redirect: { path_redirect: '/products', redirect_response_code: 'SEE_OTHER', strip_query: false },
      },
      {
        priority: 3,
        match_rules: [{ prefix_match: '/api/' }],
        service: urlMap.default_service,
        route_action: { url_rewrite: { path_prefix_rewrite: '/v2/', host_rewrite: 'shop.example.com' } },
      },
    ]);
    expect(resourceOf(tf, 'google_compute_global_network_endpoint_group')).toMatchObject({ network_endpoint_type: 'INTERNET_FQDN_PORT', default_port: 443 });
    expect(resourceOf(tf, 'google_compute_global_network_endpoint')).toMatchObject({ fqdn: 'shop.example.com', port: 443 });
  });

  test('with domainNames: managed certificate, HTTPS proxy with a TLS 1.2 policy, and port 80 redirecting to HTTPS', () => {
    const stack = gcpStack();
    const edge = new EdgeFunction(stack, 'Edge', { origin: EdgeOrigin.fromUrl('https://shop.example.com'), domainNames: ['www.example.com'] });
    const tf = synth(stack);
    expect(resourceOf(tf, 'google_compute_managed_ssl_certificate')).toMatchObject({ managed: { domains: ['www.example.com'] } });
    expect(resourceOf(tf, 'google_compute_ssl_policy')).toMatchObject({ profile: 'MODERN', min_tls_version: 'TLS_1_2' });
    expect(resourceOf(tf, 'google_compute_target_https_proxy')).toMatchObject({
      url_map: expect.stringMatching(/google_compute_url_map\.Edge_UrlMap_/),
      ssl_certificates: [expect.stringMatching(/google_compute_managed_ssl_certificate\.Edge_Certificate_/)],
      ssl_policy: expect.stringMatching(/google_compute_ssl_policy\.Edge_SslPolicy_/),
    });
    expect(resourceOf(tf, 'google_compute_url_map', 'HttpRedirect').default_url_redirect).toEqual({ https_redirect: true, strip_query: false, redirect_response_code: 'MOVED_PERMANENTLY_DEFAULT' });
    const rules = Object.values(resourcesOf(tf, 'google_compute_global_forwarding_rule')).map((r) => `${r.port_range} ${r.target.split('.')[0]}`);
    expect(rules.sort()).toEqual(['443 ${google_compute_target_https_proxy', '80 ${google_compute_target_http_proxy']);
    expect(edge.url).toBe('https://www.example.com');
    expect(warnings(edge)).toEqual([]);
  });

  test('custom code runs as a regional function behind the load balancer; its ingress, not the origin\'s, is limited', () => {
    const stack = gcpStack();
    const fn = api(stack);
    const edge = new EdgeFunction(stack, 'Edge', {
      origin: EdgeOrigin.fromFunction(fn),
      rules: [EdgeRule.rewritePath('/api/', '/v2/')],
      code: PROXY_CODE,
      eventType: EdgeEventType.ORIGIN_REQUEST,
      memoryMb: 512,
      domainNames: ['www.example.com'],
    });
    expect(edge.regionalFunctions.map((f) => f.node.path)).toEqual(['test/Edge/Code']);
    const tf = synth(stack);
    const code = functionNamed(tf, 'Edge_Code_');
    expect(code.location).toBe('europe-west1');
    expect(code.service_config).toMatchObject({
      ingress_settings: 'ALLOW_INTERNAL_AND_GCLB',
      available_memory: '512M',
      environment_variables: {
        CIRRUS_EDGE_EVENT_TYPE: 'origin-request',
        CIRRUS_EDGE_ORIGIN_URL: expect.stringMatching(/^\$\{google_cloudfunctions2_function\.Api_[0-9A-F]+\.service_config\[0\]\.uri\}$/),
      },
    });
    expect(functionNamed(tf, 'Api_').service_config.ingress_settings).toBe('ALLOW_ALL');
    expect(resourceOf(tf, 'google_compute_region_network_endpoint_group').cloud_run).toEqual({ service: edge.regionalFunctions[0].functionName });
    expect(warnings(edge)).toEqual([expect.stringMatching(/^custom code runs regionally, not at the edge: GCP runs no user code at the edge, so code is deployed as an EventDrivenFunction in europe-west1 behind a global external Application Load Balancer with Cloud CDN\. Every request passes through it \(CIRRUS_EDGE_EVENT_TYPE=origin-request\)/)]);
  });

  test('accessLogs: false turns the backend\'s request logs off', () => {
    const stack = gcpStack();
    new EdgeFunction(stack, 'Edge', { origin: EdgeOrigin.fromUrl('https://shop.example.com'), accessLogs: false, domainNames: ['www.example.com'] });
    expect(resourceOf(synth(stack), 'google_compute_backend_service').log_config).toEqual({ enable: false });
  });

  test('regions: one code function per region, each with a serverless NEG in its region and its own image repository', () => {
    const stack = gcpStack();
    const edge = new EdgeFunction(stack, 'Edge', { origin: EdgeOrigin.fromUrl('https://shop.example.com'), code: PROXY_CODE, regions: ['europe-west1', 'us-central1'] });
    const tf = synth(stack);
    expect(edge.regionalFunctions.map((f) => f.node.id)).toEqual(['Code', 'Code-us-central1']);
    const fns = Object.values(resourcesOf(tf, 'google_cloudfunctions2_function')) as any[];
    expect(fns.map((f) => f.location).sort()).toEqual(['europe-west1', 'us-central1']);
    const negs = Object.values(resourcesOf(tf, 'google_compute_region_network_endpoint_group')) as any[];
    expect(negs.map((n) => [n.region, n.cloud_run.service]).sort()).toEqual(
      edge.regionalFunctions.map((f, i) => [['europe-west1', 'us-central1'][i], f.functionName]).sort());
    // Both NEGs back the one backend service.
    expect(resourceOf(tf, 'google_compute_backend_service').backend).toHaveLength(2);
    const repos = Object.values(resourcesOf(tf, 'google_artifact_registry_repository')) as any[];
    expect(repos.map((r) => r.location).sort()).toEqual(['europe-west1', 'us-central1']);
    const usFn = fns.find((f) => f.location === 'us-central1');
    const usRepo = Object.entries(resourcesOf(tf, 'google_artifact_registry_repository')).find(([, r]: [string, any]) => r.location === 'us-central1')![0];
    expect(usFn.build_config.docker_repository).toBe(`\${google_artifact_registry_repository.${usRepo}.id}`);
    const invokers = Object.values(resourcesOf(tf, 'google_cloud_run_v2_service_iam_member')) as any[];
    expect(invokers.map((m) => m.location).sort()).toEqual(['europe-west1', 'us-central1']);
  });

  test('fails when the origin function has only PRIVATE (identity token) HTTP triggers', () => {
    const stack = gcpStack();
    expect(() => new EdgeFunction(stack, 'Edge', { origin: EdgeOrigin.fromFunction(api(stack, HttpAuth.PRIVATE)) })).toThrow(/the load balancer does not send identity tokens/);
  });

  test('keeps Terraform addresses stable', () => {
    const stack = gcpStack();
    new EdgeFunction(stack, 'Personalize', {
      origin: EdgeOrigin.fromFunction(api(stack)),
      rules: [EdgeRule.setResponseHeader('x-frame-options', 'DENY'), EdgeRule.redirect('/old', '/new')],
      domainNames: ['shop.example.com'],
    });
    const tf = synth(stack);
    const addresses = Object.entries(tf.resource).flatMap(([type, byName]) => Object.keys(byName).filter((n) => n.startsWith('Personalize_')).map((n) => `${type}.${n}`));
    expect(addresses.sort()).toMatchSnapshot();
  });
});
