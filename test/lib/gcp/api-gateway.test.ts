import { EventDrivenFunction, FunctionCode, FunctionRuntime, HttpApi, HttpAuth, HttpMethod, Trigger } from '../../../index';
import { FIXTURE, gcpStack, resource, resources, synthJson } from '../../helpers/terraform';

const base = { runtime: FunctionRuntime.NODEJS_22, code: FunctionCode.fromAsset(FIXTURE), handler: 'index.handler' };

/** The OpenAPI document of the one API config, decoded from its `base64encode(jsonencode({...}))` expression. */
function openApi(tf: any): string {
  const config = resource(tf, 'google_api_gateway_api_config');
  return config.openapi_documents[0].document.contents as string;
}

function shop() {
  const { stack } = gcpStack();
  const api = new HttpApi(stack, 'Shop');
  new EventDrivenFunction(stack, 'CreateOrder', { ...base, timeoutSeconds: 20, triggers: [Trigger.http({ api, path: '/orders', methods: [HttpMethod.POST] })] });
  new EventDrivenFunction(stack, 'GetOrder', { ...base, triggers: [Trigger.http({ api, path: '/orders/{id}', methods: [HttpMethod.GET], auth: HttpAuth.PUBLIC })] });
  new EventDrivenFunction(stack, 'Files', { ...base, triggers: [Trigger.http({ api, path: '/files/{path+}' })] });
  return { stack, api, tf: synthJson(stack) };
}

describe('HttpApi on GCP', () => {
  test('one API, config and gateway on the google-beta provider; the URL is a stack output', () => {
    const { api, tf } = shop();
    for (const type of ['google_api_gateway_api', 'google_api_gateway_api_config', 'google_api_gateway_gateway']) {
      expect(Object.values(resources(tf, type))).toHaveLength(1);
      expect(resource(tf, type).provider).toBe('google-beta');
    }
    expect(tf.provider['google-beta']).toEqual([expect.objectContaining({ project: 'acme-prod', region: 'europe-west1' })]);
    const gateway = resource(tf, 'google_api_gateway_gateway');
    expect(gateway.region).toBe('europe-west1');
    expect(gateway.api_config).toMatch(/^\$\{google_api_gateway_api_config\.Shop_Config_\w+\.id\}$/);
    expect(resource(tf, 'google_api_gateway_api_config').lifecycle).toEqual({ create_before_destroy: true });
    expect(api.url).toMatch(/^https:\/\/\$\{TfToken/);
    expect(Object.values<any>(tf.output).map((o) => o.value)).toContainEqual(expect.stringMatching(/google_api_gateway_gateway\.Shop_\w+\.default_hostname/));
    for (const service of ['apigateway', 'servicemanagement', 'servicecontrol']) {
      expect(Object.values<any>(resources(tf, 'google_project_service')).map((s) => s.service)).toContain(`${service}.googleapis.com`);
    }
  });

  test('every route and method is an operation with x-google-backend to its function, path parameters translated', () => {
    const { tf } = shop();
    const doc = openApi(tf);
    expect(doc).toMatch(/^\$\{base64encode\(jsonencode\(/);
    expect(doc).toContain('"swagger" = "2.0"');
    expect(doc).toContain('"x-google-allow" = "configured"');
    // POST /orders to CreateOrder, PRIVATE, with its timeout as the deadline.
    expect(doc).toMatch(/"\/orders" = \{"post" = \{"operationId" = "CreateOrder_Http_POST", "x-google-backend" = \{"address" = google_cloudfunctions2_function\.CreateOrder_\w+\.service_config\[0\]\.uri, "path_translation" = "APPEND_PATH_TO_ADDRESS", "jwt_audience" = google_cloudfunctions2_function\.CreateOrder_\w+\.service_config\[0\]\.uri, "deadline" = 20\}, "security" = \[\{"google_id_token" = \[\]\}\]/);
    // GET /orders/{id} to GetOrder, PUBLIC (no security requirement), with its path parameter declared.
    expect(doc).toMatch(/"\/orders\/\{id\}" = \{"get" = \{"operationId" = "GetOrder_Http_GET", "parameters" = \[\{"in" = "path", "name" = "id", "required" = true, "type" = "string"\}\], "x-google-backend" = \{"address" = google_cloudfunctions2_function\.GetOrder_\w+\.service_config\[0\]\.uri[^}]*\}, "security" = \[\]/);
    // A greedy path is the double wildcard; ANY is every method spelled out.
    expect(doc).toContain('"/files/{path=**}" = {');
    for (const m of ['get', 'post', 'put', 'patch', 'delete', 'head', 'options']) {
      expect(doc).toMatch(new RegExp(`"${m}" = \\{"operationId" = "Files_Http_${m.toUpperCase()}"`));
    }
  });

  test('PRIVATE means Google ID tokens for the API\'s managed service', () => {
    const { tf } = shop();
    const doc = openApi(tf);
    expect(doc).toMatch(/"google_id_token" = \{"type" = "oauth2", "flow" = "implicit", "authorizationUrl" = "", "x-google-issuer" = "https:\/\/accounts\.google\.com", "x-google-jwks_uri" = "https:\/\/www\.googleapis\.com\/oauth2\/v3\/certs", "x-google-audiences" = google_api_gateway_api\.Shop_Api_\w+\.managed_service\}/);
  });

  test('the gateway calls the backends as its own service account, the only invoker: no allUsers', () => {
    const { tf } = shop();
    const config = resource(tf, 'google_api_gateway_api_config');
    expect(config.gateway_config.backend_config.google_service_account).toMatch(/^\$\{google_service_account\.Shop_GatewayServiceAccount_\w+\.email\}$/);
    const members = Object.values<any>(resources(tf, 'google_cloud_run_v2_service_iam_member'));
    expect(members.map((m) => m.member)).not.toContain('allUsers');
    expect(members).toHaveLength(3);
    for (const fn of ['CreateOrder', 'GetOrder', 'Files']) {
      expect(members).toContainEqual(expect.objectContaining({
        role: 'roles/run.invoker',
        name: expect.stringMatching(new RegExp(`google_cloudfunctions2_function\\.${fn}_\\w+\\.name`)),
        member: expect.stringMatching(/google_service_account\.Shop_GatewayServiceAccount_\w+\.member/),
      }));
    }
    // No project-wide role for the gateway.
    expect(Object.keys(resources(tf, 'google_project_iam_member')).filter((k) => k.startsWith('Shop'))).toEqual([]);
  });

  test('routes of the API raise no "not enforced" warning', () => {
    const { stack } = gcpStack();
    const api = new HttpApi(stack, 'Shop');
    const fn = new EventDrivenFunction(stack, 'Fn', { ...base, triggers: [Trigger.http({ api, path: '/orders', methods: [HttpMethod.POST] })] });
    expect(fn.node.metadata.map((m) => String(m.data))).not.toContainEqual(expect.stringContaining('not enforced'));
    expect(fn.httpUrl).toBe(api.url);
    // The same route on the function's own URL is not enforced, and says so.
    const direct = new EventDrivenFunction(stack, 'Direct', { ...base, triggers: [Trigger.http({ path: '/orders', methods: [HttpMethod.POST] })] });
    expect(direct.node.metadata.map((m) => String(m.data))).toContainEqual(expect.stringContaining('not enforced'));
  });

  test('fails when throttle or corsAllowedOrigins is given on GCP', () => {
    const { stack } = gcpStack();
    expect(() => new HttpApi(stack, 'A', { throttle: { ratePerSecond: 10, burst: 5 } })).toThrow(/A: throttle cannot be honoured on GCP/);
    expect(() => new HttpApi(stack, 'B', { corsAllowedOrigins: ['https://shop.example.com'] })).toThrow(/B: corsAllowedOrigins cannot be honoured on GCP/);
  });
});
