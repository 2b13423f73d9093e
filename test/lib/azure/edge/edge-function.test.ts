import { IConstruct } from 'constructs';
import {
  AzureStack, CloudProvider, EdgeEventType, EdgeFunction, EdgeOrigin, EdgeRule, EventDrivenFunction, FunctionCode, FunctionRuntime, HttpAuth, Trigger,
} from '../../../../index';
import { loadAzureNodeApp, triggerBinding } from '../../../helpers/azure-functions-host';
import { azureStack, deployedZip, resource, resources, synthJson } from '../../../helpers/terraform';

const API_CODE = FunctionCode.fromInline('exports.handler = async (context, req) => { context.res = { body: "ok" }; };');
const PROXY_CODE = FunctionCode.fromInline('exports.handler = async (context, req) => { context.res = { body: req.url }; };');

function api(stack: AzureStack, auth = HttpAuth.PUBLIC): EventDrivenFunction {
  return new EventDrivenFunction(stack, 'Api', { runtime: FunctionRuntime.NODEJS_22, code: API_CODE, handler: 'index.handler', triggers: [Trigger.http({ auth })] });
}

function warnings(c: IConstruct): string[] {
  return c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));
}

/** The Front Door rules by name, in order. */
function rules(tf: any): any[] {
  return Object.values(resources(tf, 'azurerm_cdn_frontdoor_rule')).sort((a: any, b: any) => a.order - b.order);
}

describe('EdgeFunction on Azure', () => {
  test('renders a Front Door Standard profile, endpoint, origin group with health probe, origin, route and access logs', () => {
    const { stack } = azureStack();
    const fn = api(stack);
    const edge = new EdgeFunction(stack, 'Edge', { origin: EdgeOrigin.fromFunction(fn) });
    expect(edge.provider).toBe(CloudProvider.AZURE);
    const tf = synthJson(stack);
    const profile = resource(tf, 'azurerm_cdn_frontdoor_profile');
    expect(profile).toMatchObject({ sku_name: 'Standard_AzureFrontDoor', resource_group_name: '${azurerm_resource_group.ResourceGroup.name}' });
    expect(profile.name).toMatch(/^afd-orders-azure-edge-[0-9a-f]{8}$/);
    const endpoint = resource(tf, 'azurerm_cdn_frontdoor_endpoint');
    expect(endpoint.name).toMatch(/^fde-[a-z0-9-]{1,42}$/);
    expect(endpoint.cdn_frontdoor_profile_id).toMatch(/^\$\{azurerm_cdn_frontdoor_profile\.Edge_Profile_[0-9A-F]+\.id\}$/);
    expect(resource(tf, 'azurerm_cdn_frontdoor_origin_group')).toMatchObject({
      name: 'origins',
      health_probe: { protocol: 'Https', path: '/', request_type: 'HEAD', interval_in_seconds: 100 },
      load_balancing: { sample_size: 4, successful_samples_required: 3 },
    });
    const origin = resource(tf, 'azurerm_cdn_frontdoor_origin');
    expect(origin).toMatchObject({
      host_name: expect.stringMatching(/^\$\{azurerm_function_app_flex_consumption\.Api_[0-9A-F]+\.default_hostname\}$/),
      origin_host_header: origin.host_name,
      certificate_name_check_enabled: true,
      https_port: 443,
    });
    const route = resource(tf, 'azurerm_cdn_frontdoor_route');
    expect(route).toMatchObject({
      patterns_to_match: ['/*'],
      supported_protocols: ['Http', 'Https'],
      https_redirect_enabled: true,
      forwarding_protocol: 'HttpsOnly',
      link_to_default_domain: true,
      cdn_frontdoor_origin_ids: [expect.stringMatching(/azurerm_cdn_frontdoor_origin\.Edge_Origin_/)],
    });
    expect(route).not.toHaveProperty('cache');
    expect(route).not.toHaveProperty('cdn_frontdoor_rule_set_ids');
    expect(resources(tf, 'azurerm_cdn_frontdoor_rule_set')).toEqual({});
    expect(resource(tf, 'azurerm_monitor_diagnostic_setting')).toMatchObject({
      target_resource_id: expect.stringMatching(/azurerm_cdn_frontdoor_profile\.Edge_Profile_/),
      log_analytics_workspace_id: '${azurerm_log_analytics_workspace.CirrusLogs30d.id}',
      enabled_log: [{ category: 'FrontDoorAccessLog' }],
    });
    expect(edge.url).toMatch(/^https:\/\/\$\{TfToken\[TOKEN\.\d+\]\}$/);
  });

  test('limits the origin function app to this Front Door profile (service tag + X-Azure-FDID)', () => {
    const { stack } = azureStack();
    const fn = api(stack);
    new EdgeFunction(stack, 'Edge', { origin: EdgeOrigin.fromFunction(fn) });
    new EdgeFunction(stack, 'Edge2', { origin: EdgeOrigin.fromFunction(fn), accessLogs: false });
    const app = resource(synthJson(stack), 'azurerm_function_app_flex_consumption');
    expect(app.site_config).toMatchObject({
      ip_restriction_default_action: 'Deny',
      ip_restriction: [{
        name: 'AllowCirrusFrontDoor',
        action: 'Allow',
        priority: 100,
        service_tag: 'AzureFrontDoor.Backend',
        headers: [{
          x_azure_fdid: [
            expect.stringMatching(/^\$\{azurerm_cdn_frontdoor_profile\.Edge_Profile_[0-9A-F]+\.resource_guid\}$/),
            expect.stringMatching(/^\$\{azurerm_cdn_frontdoor_profile\.Edge2_Profile_[0-9A-F]+\.resource_guid\}$/),
          ],
        }],
      }],
      minimum_tls_version: '1.2',
    });
  });

  test('compiles rules into a rule set: header actions, exact-path redirects and prefix rewrites, in order', () => {
    const { stack } = azureStack();
    new EdgeFunction(stack, 'Edge', {
      origin: EdgeOrigin.fromUrl('https://shop.example.com'),
      rules: [
        EdgeRule.setResponseHeader('X-Frame-Options', 'DENY'),
        EdgeRule.removeResponseHeader('x-powered-by'),
        EdgeRule.setRequestHeader('x-edge', 'cirrus'),
        EdgeRule.redirect('/Old', 'https://www.example.com/new', 308),
        EdgeRule.redirect('/shop', '/products'),
        EdgeRule.rewritePath('/api/', '/v2/'),
      ],
    });
    const tf = synthJson(stack);
    const ruleSet = resource(tf, 'azurerm_cdn_frontdoor_rule_set');
    expect(ruleSet.name).toBe('CirrusRules');
    expect(resource(tf, 'azurerm_cdn_frontdoor_route').cdn_frontdoor_rule_set_ids).toEqual([expect.stringMatching(/azurerm_cdn_frontdoor_rule_set\.Edge_RuleSet_/)]);
    expect(resource(tf, 'azurerm_cdn_frontdoor_origin')).toMatchObject({ host_name: 'shop.example.com', origin_host_header: 'shop.example.com' });
    const all = rules(tf);
    expect(all.map((r) => [r.name, r.order, r.behavior_on_match])).toEqual([
      ['Headers1', 1, 'Continue'], ['Redirect1', 2, 'Stop'], ['Redirect2', 3, 'Stop'], ['Rewrite1', 4, 'Stop'],
    ]);
    expect(all[0].actions).toEqual({
      request_header_action: [{ header_action: 'Overwrite', header_name: 'x-edge', value: 'cirrus' }],
      response_header_action: [
        { header_action: 'Overwrite', header_name: 'x-frame-options', value: 'DENY' },
        { header_action: 'Delete', header_name: 'x-powered-by' },
      ],
    });
    expect(all[0]).not.toHaveProperty('conditions');
    expect(all[1]).toMatchObject({
      conditions: { url_path_condition: [{ operator: 'Equal', match_values: ['old'], transforms: ['Lowercase'] }] },
      actions: { url_redirect_action: { redirect_type: 'PermanentRedirect', redirect_protocol: 'Https', destination_hostname: 'www.example.com', destination_path: '/new' } },
    });
    expect(all[2].actions.url_redirect_action).toEqual({ redirect_type: 'Found', redirect_protocol: 'MatchRequest', destination_hostname: '', destination_path: '/products' });
    expect(all[3]).toMatchObject({
      conditions: { url_path_condition: [{ operator: 'BeginsWith', match_values: ['api/'], transforms: ['Lowercase'] }] },
      actions: { url_rewrite_action: { source_pattern: '/api/', destination: '/v2/', preserve_unmatched_path: true } },
    });
    for (const r of all) {
      expect(r.name).toMatch(/^[A-Za-z][A-Za-z0-9]*$/);
      expect(r.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^azurerm_cdn_frontdoor_origin_group\./)]));
    }
  });

  test('packs more than five header actions into several rules', () => {
    const { stack } = azureStack();
    new EdgeFunction(stack, 'Edge', {
      origin: EdgeOrigin.fromUrl('https://shop.example.com'),
      rules: Array.from({ length: 7 }, (_, i) => EdgeRule.setResponseHeader(`x-h${i}`, `${i}`)),
    });
    const all = rules(synthJson(stack));
    expect(all.map((r) => [r.name, r.actions.response_header_action.length])).toEqual([['Headers1', 5], ['Headers2', 2]]);
  });

  test('custom code runs as a regional function behind Front Door, reached at "/" with the original URI, with a warning', () => {
    const { stack } = azureStack();
    const fn = api(stack);
    const edge = new EdgeFunction(stack, 'Edge', {
      origin: EdgeOrigin.fromFunction(fn),
      rules: [EdgeRule.redirect('/shop', '/products')],
      code: PROXY_CODE,
      eventType: EdgeEventType.VIEWER_REQUEST,
      environment: { SEGMENTS: 'new,returning' },
    });
    expect(edge.codeRunsAtEdge).toBe(false);
    expect(edge.regionalFunctions.map((f) => f.node.path)).toEqual(['orders-azure/Edge/Code']);
    const tf = synthJson(stack);
    const apps = resources(tf, 'azurerm_function_app_flex_consumption');
    const code = Object.entries(apps).find(([k]) => k.startsWith('Edge_Code_'))![1] as any;
    expect(code).toMatchObject({ location: 'westeurope', https_only: true });
    expect(code.app_settings).toMatchObject({
      SEGMENTS: 'new,returning',
      CIRRUS_EDGE_EVENT_TYPE: 'viewer-request',
      CIRRUS_EDGE_ORIGIN_URL: expect.stringMatching(/^https:\/\/\$\{azurerm_function_app_flex_consumption\.Api_[0-9A-F]+\.default_hostname\}$/),
    });
    // Front Door reaches the code function only; the code function alone calls the origin.
    expect(code.site_config.ip_restriction[0].service_tag).toBe('AzureFrontDoor.Backend');
    const apiApp = Object.entries(apps).find(([k]) => k.startsWith('Api_'))![1] as any;
    expect(apiApp.site_config).not.toHaveProperty('ip_restriction');
    expect(resource(tf, 'azurerm_cdn_frontdoor_origin').host_name).toMatch(/azurerm_function_app_flex_consumption\.Edge_Code_[0-9A-F]+\.default_hostname/);
    // No rewrite: Front Door forwards each request with its own path.
    expect(rules(tf).map((r) => r.name)).toEqual(['Redirect1']);
    // The package's HTTP binding: anonymous (access is limited to Front Door instead), a catch-all route taking every path.
    const binding = triggerBinding(loadAzureNodeApp(deployedZip(stack, tf, /^Edge_Code_/)).get('Http')!);
    expect(binding).toMatchObject({ type: 'httpTrigger', authLevel: 'anonymous', route: '{*proxy}' });
    expect(warnings(edge)).toEqual([expect.stringMatching(/^custom code runs regionally, not at the edge: Azure runs no user code at the edge, so code is deployed as an EventDrivenFunction in westeurope behind Azure Front Door\./)]);
  });

  test('regions: one code function per region, each an origin of the one origin group', () => {
    const { stack } = azureStack();
    const edge = new EdgeFunction(stack, 'Edge', { origin: EdgeOrigin.fromUrl('https://shop.example.com'), code: PROXY_CODE, regions: ['westeurope', 'northeurope'] });
    expect(edge.regionalFunctions.map((f) => f.node.id)).toEqual(['Code', 'Code-northeurope']);
    const tf = synthJson(stack);
    const apps = Object.entries(resources(tf, 'azurerm_function_app_flex_consumption')) as [string, any][];
    expect(apps.map(([k, a]) => [k.split('_')[1], a.location]).sort()).toEqual([['Code', 'westeurope'], ['Code-northeurope', 'northeurope']].sort());
    // The plan, storage account and identity of each function are in its region too.
    for (const type of ['azurerm_service_plan', 'azurerm_storage_account', 'azurerm_user_assigned_identity']) {
      expect((Object.values(resources(tf, type)) as any[]).map((r) => r.location).sort()).toEqual(['northeurope', 'westeurope']);
    }
    const origins = Object.values(resources(tf, 'azurerm_cdn_frontdoor_origin')) as any[];
    expect(origins).toHaveLength(2);
    expect(new Set(origins.map((o) => o.cdn_frontdoor_origin_group_id)).size).toBe(1);
    expect(origins.map((o) => o.host_name).sort()).toEqual(apps.map(([k]) => `\${azurerm_function_app_flex_consumption.${k}.default_hostname}`).sort());
  });

  test('custom domains get managed certificates with TLS 1.2 on the route', () => {
    const { stack } = azureStack();
    const edge = new EdgeFunction(stack, 'Edge', { origin: EdgeOrigin.fromUrl('https://shop.example.com'), domainNames: ['www.example.com'] });
    const tf = synthJson(stack);
    const domain = resource(tf, 'azurerm_cdn_frontdoor_custom_domain');
    expect(domain).toMatchObject({ host_name: 'www.example.com', tls: { certificate_type: 'ManagedCertificate', minimum_tls_version: 'TLS12' } });
    expect(resource(tf, 'azurerm_cdn_frontdoor_route').cdn_frontdoor_custom_domain_ids).toEqual([expect.stringMatching(/azurerm_cdn_frontdoor_custom_domain\.Edge_CustomDomain1_/)]);
    expect(edge.url).toBe('https://www.example.com');
  });

  test('fails when a rule cannot be expressed on Azure, naming it', () => {
    const { stack } = azureStack();
    expect(() => new EdgeFunction(stack, 'Edge', { origin: EdgeOrigin.fromUrl('https://shop.example.com'), rules: [EdgeRule.redirect('/a', '/b', 303)] }))
      .toThrow('orders-azure/Edge: rules[0] (EdgeRule.redirect("/a", "/b", 303)) cannot be expressed on Azure: Front Door redirects with 301, 302, 307 or 308, not 303');
  });

  test('fails when the origin function has only a function-key (PRIVATE) HTTP trigger', () => {
    const { stack } = azureStack();
    expect(() => new EdgeFunction(stack, 'Edge', { origin: EdgeOrigin.fromFunction(api(stack, HttpAuth.PRIVATE)) }))
      .toThrow(/Front Door does not send function keys/);
  });

  test('keeps Terraform addresses stable', () => {
    const { stack } = azureStack();
    new EdgeFunction(stack, 'Personalize', {
      origin: EdgeOrigin.fromFunction(api(stack)),
      rules: [EdgeRule.setResponseHeader('x-frame-options', 'DENY'), EdgeRule.redirect('/old', '/new')],
      code: PROXY_CODE,
    });
    const tf = synthJson(stack);
    const addresses = Object.entries(tf.resource as Record<string, object>)
      .flatMap(([type, byName]) => Object.keys(byName).filter((n) => n.startsWith('Personalize_')).map((n) => `${type}.${n}`));
    expect(addresses.sort()).toMatchSnapshot();
  });
});
