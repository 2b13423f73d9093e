import { App, Testing } from 'cdktf';
import { AzureStack, EventDrivenFunction, FunctionCode, FunctionRuntime, HttpApi, HttpAuth, HttpMethod, Trigger } from '../../../index';
import { deployedZip, FIXTURE, resource, resources, synthJson } from '../../helpers/terraform';

const base = { runtime: FunctionRuntime.NODEJS_22, code: FunctionCode.fromAsset(FIXTURE), handler: 'index.handler' };

function azure(props: { keyVaultName?: string } = { keyVaultName: 'acme-secrets' }): { app: App; stack: AzureStack } {
  const app = Testing.app();
  return { app, stack: new AzureStack(app, 'orders-azure', { location: 'westeurope', ...props }) };
}

function shop(apiProps: object = {}) {
  const { stack } = azure();
  const api = new HttpApi(stack, 'Shop', { contactEmail: 'ops@example.com', corsAllowedOrigins: ['https://shop.example.com'], ...apiProps });
  new EventDrivenFunction(stack, 'CreateOrder', { ...base, triggers: [Trigger.http({ api, path: '/orders', methods: [HttpMethod.POST] })] });
  new EventDrivenFunction(stack, 'GetOrder', { ...base, triggers: [Trigger.http({ api, path: '/orders/{id}', methods: [HttpMethod.GET, HttpMethod.HEAD] })] });
  new EventDrivenFunction(stack, 'Files', { ...base, triggers: [Trigger.http({ api, path: '/files/{path+}' })] });
  return { stack, api, tf: synthJson(stack) };
}

describe('HttpApi on Azure', () => {
  test('one API Management service in the Consumption tier with one API at the root; its gateway URL is a stack output', () => {
    const { tf } = shop();
    const apim = resource(tf, 'azurerm_api_management');
    expect(apim).toMatchObject({ sku_name: 'Consumption_0', publisher_email: 'ops@example.com', identity: { type: 'SystemAssigned' } });
    expect(apim.name).toMatch(/^apim-orders-azure-shop-\$\{substr\(sha1\(/);
    const api = resource(tf, 'azurerm_api_management_api');
    expect(api).toMatchObject({ path: '', protocols: ['https'], subscription_required: true });
    expect(Object.values<any>(tf.output).map((o) => o.value)).toContainEqual(expect.stringMatching(/^\$\{azurerm_api_management\.Shop_\w+\.gateway_url\}$/));
  });

  test('one operation per route and method, each sent to its own function app', () => {
    const { tf } = shop();
    const operations = Object.values<any>(resources(tf, 'azurerm_api_management_api_operation'));
    const routes = operations.map((o) => `${o.method} ${o.url_template}`).sort();
    expect(routes).toEqual([
      'DELETE /files/*', 'GET /files/*', 'GET /orders/{id}', 'HEAD /files/*', 'HEAD /orders/{id}', 'OPTIONS /files/*', 'PATCH /files/*', 'POST /files/*', 'POST /orders', 'PUT /files/*',
    ]);
    expect(operations.find((o) => o.url_template === '/orders/{id}' && o.method === 'GET').template_parameter).toEqual([{ name: 'id', required: true, type: 'string' }]);
    const policies = Object.entries<any>(resources(tf, 'azurerm_api_management_api_operation_policy'));
    expect(policies).toHaveLength(operations.length);
    const backends = resources(tf, 'azurerm_api_management_backend');
    expect(Object.keys(backends)).toHaveLength(3);
    for (const fn of ['CreateOrder', 'GetOrder', 'Files']) {
      const [, backend] = Object.entries<any>(backends).find(([k]) => k.startsWith(`Shop_${fn}Backend`))!;
      expect(backend.url).toMatch(new RegExp(`^https://\\$\\{azurerm_function_app_flex_consumption\\.${fn}_\\w+\\.default_hostname\\}$`));
      const mine = policies.filter(([k]) => k.startsWith(`Shop_${fn}Http`));
      expect(mine.length).toBeGreaterThan(0);
      for (const [, p] of mine) {
        expect(p.xml_content).toContain(`<set-backend-service backend-id="${backend.name}" />`);
      }
    }
  });

  test('backends authenticate with a function key of APIM\'s own, from Key Vault: no key in Terraform values', () => {
    const { tf } = shop();
    const text = JSON.stringify(tf);
    // The only key-shaped values are references to named values.
    const backend = Object.values<any>(resources(tf, 'azurerm_api_management_backend'))[0];
    expect(backend.credentials.header['x-functions-key']).toMatch(/^\{\{orders-azure-\w+-apim-key-[0-9a-f]{8}\}\}$/);
    const named = Object.values<any>(resources(tf, 'azurerm_api_management_named_value'));
    expect(named).toHaveLength(3);
    for (const nv of named) {
      expect(nv.secret).toBe(true);
      expect(nv.value).toBeUndefined();
      expect(nv.value_from_key_vault.secret_id).toMatch(/^\$\{data\.azurerm_key_vault\.Shop_KeyVault_\w+\.vault_uri\}secrets\/orders-azure-\w+-apim-key-[0-9a-f]{8}$/);
    }
    expect(text).not.toMatch(/azurerm_function_app_host_keys|function_keys|primary_key|default_function_key/);
    // APIM's identity reads each backend's secret only.
    const readers = Object.entries<any>(resources(tf, 'azurerm_role_assignment')).filter(([k]) => k.startsWith('Shop_'));
    expect(readers).toHaveLength(3);
    for (const [, r] of readers) {
      expect(r.role_definition_name).toBe('Key Vault Secrets User');
      expect(r.scope).toMatch(/^\$\{data\.azurerm_key_vault\.Shop_KeyVault_\w+\.id\}\/secrets\/orders-azure-\w+-apim-key-[0-9a-f]{8}$/);
      expect(r.principal_id).toMatch(/azurerm_api_management\.Shop_\w+\.identity\[0\]\.principal_id/);
    }
    // The key goes from the Functions host into the vault in one shell step.
    const steps = Object.entries<any>(resources(tf, 'terraform_data')).filter(([k]) => /^Shop_\w+KeyToVault/.test(k));
    expect(steps).toHaveLength(3);
    expect(steps[0][1].provisioner[0]['local-exec'].command).toMatch(/^az keyvault secret set --vault-name acme-secrets --name orders-azure-\w+-apim-key-[0-9a-f]{8} --output none --value "\$\(az functionapp keys set .* --key-type functionKeys --key-name cirrus-apim --query value --output tsv\)"$/);
  });

  test('the function\'s binding keeps authLevel function even for a PUBLIC route: APIM holds the key', () => {
    const { stack } = azure();
    const api = new HttpApi(stack, 'Shop', { contactEmail: 'ops@example.com', auth: HttpAuth.PUBLIC });
    new EventDrivenFunction(stack, 'Fn', { ...base, triggers: [Trigger.http({ api, path: '/orders' })] });
    const tf = synthJson(stack);
    // Node.js: the generated v4 entry module registers the route.
    const entry = deployedZip(stack, tf).map((e) => e.content.toString()).find((c) => c.includes('"route":"orders"'))!;
    expect(entry).toContain('"authLevel":"function"');
    expect(entry).not.toContain('anonymous');
    expect(resource(tf, 'azurerm_api_management_api').subscription_required).toBe(false);
    // A PUBLIC API takes no subscription key, so no per-subscription rate limit either.
    expect(resource(tf, 'azurerm_api_management_api_policy').xml_content).not.toContain('rate-limit');
  });

  test('CORS and the throttle are API policies', () => {
    const { tf } = shop({ throttle: { ratePerSecond: 50, burst: 10 } });
    const xml = resource(tf, 'azurerm_api_management_api_policy').xml_content;
    expect(xml).toContain('<cors allow-credentials="false"><allowed-origins><origin>https://shop.example.com</origin></allowed-origins>');
    expect(xml).toContain('<rate-limit calls="50" renewal-period="1" />');
  });

  test('fails when the stack has no keyVaultName', () => {
    const { stack } = azure({});
    expect(() => new HttpApi(stack, 'Shop', { contactEmail: 'ops@example.com' })).toThrow(/orders-azure\/Shop: an HttpApi on Azure needs the AzureStack's keyVaultName/);
  });

  test('fails when contactEmail is missing on Azure', () => {
    const { stack } = azure();
    expect(() => new HttpApi(stack, 'Shop')).toThrow(/orders-azure\/Shop: contactEmail is required on Azure/);
  });

  test('fails when a route overrides the API\'s auth on Azure (a subscription key is per API)', () => {
    const { stack } = azure();
    const api = new HttpApi(stack, 'Shop', { contactEmail: 'ops@example.com' });
    expect(() => new EventDrivenFunction(stack, 'Fn', { ...base, triggers: [Trigger.http({ api, path: '/health', auth: HttpAuth.PUBLIC })] }))
      .toThrow(/orders-azure\/Fn: route ANY \/health sets auth public on HttpApi orders-azure\/Shop \(auth private\); on Azure a subscription key is required per API/);
  });

  test('fails when a PUBLIC API on Azure sets a throttle', () => {
    const { stack } = azure();
    expect(() => new HttpApi(stack, 'Shop', { contactEmail: 'ops@example.com', auth: HttpAuth.PUBLIC, throttle: { ratePerSecond: 5, burst: 5 } }))
      .toThrow(/throttle cannot be honoured by a PUBLIC HttpApi on Azure/);
  });
});
