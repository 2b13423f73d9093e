import { CdnFrontdoorCustomDomain } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-custom-domain';
import { CdnFrontdoorEndpoint } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-endpoint';
import { CdnFrontdoorOrigin } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-origin';
import { CdnFrontdoorOriginGroup } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-origin-group';
import { CdnFrontdoorProfile } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-profile';
import { CdnFrontdoorRoute } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-route';
import { CdnFrontdoorRule } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-rule';
import { CdnFrontdoorRuleSet } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-rule-set';
import type { FunctionAppFlexConsumption } from '@cdktf/provider-azurerm/lib/function-app-flex-consumption';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { Fn } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { EDGE_NAME_RULES } from '../../core/edge/edge-names';
import { EdgeSpec } from '../../core/edge/edge-spec';
import { deriveName } from '../../core/naming';
import type { EdgeRenderInput, RenderedEdge } from '../../targets/load-edge-renderer';
import { workspaceFor } from '../monitoring';
import { AZURE_FUNCTIONS } from '../handles';
import { azureStackOf } from '../stack-context';
import { frontDoorRules } from './front-door-rules';
import { allowOnlyFrontDoor } from './origin-access';

/** Front Door access logs are kept this long (the stack's Log Analytics workspace for that retention). */
export const ACCESS_LOG_RETENTION_DAYS = 30;

interface OriginTarget {
  readonly id: string;
  readonly name: string;
  readonly hostName: string;
  /** The function app behind it, when it is a Cirrus function: its access is limited to this profile. */
  readonly app?: FunctionAppFlexConsumption;
}

function appOf(fn: IConstruct): FunctionAppFlexConsumption {
  return AZURE_FUNCTIONS.of(fn).app;
}

/** What Front Door sends requests to: the regional code functions, else the origin. */
function originTargets(spec: EdgeSpec, input: EdgeRenderInput): OriginTarget[] {
  if (input.regionalFunctions.length > 0) {
    return input.regionalFunctions.map((fn, i) => ({
      id: i === 0 ? 'Origin' : `Origin-${fn.node.id}`,
      name: i === 0 ? 'origin' : `origin-${fn.node.id.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`,
      hostName: appOf(fn).defaultHostname,
      app: appOf(fn),
    }));
  }
  if (spec.origin.originFunction) {
    const app = appOf(spec.origin.originFunction);
    return [{ id: 'Origin', name: 'origin', hostName: app.defaultHostname, app }];
  }
  const host = spec.origin.host ?? Fn.element(Fn.split('/', spec.origin.url!), 2);
  return [{ id: 'Origin', name: 'origin', hostName: host }];
}

/**
 * Renders an EdgeFunction as an Azure Front Door Standard profile: an
 * endpoint, an origin group with an HTTPS health probe, the origins, a rule
 * set compiled from the EdgeRules, one route (HTTP redirected to HTTPS,
 * HTTPS to the origin, no caching: Front Door would cache responses without
 * Cache-Control for one to three days), managed certificates for custom
 * domains, and access logs in Log Analytics.
 */
export function renderEdge(scope: Construct, spec: EdgeSpec, input: EdgeRenderInput): RenderedEdge {
  const stack = azureStackOf(scope);
  const path = scope.node.path.split('/');
  const tags = Object.keys(stack.tags).length > 0 ? { ...stack.tags } : undefined;

  const profile = new CdnFrontdoorProfile(scope, 'Profile', {
    name: deriveName(path, EDGE_NAME_RULES.azureFrontDoorProfile),
    resourceGroupName: stack.resourceGroupName,
    skuName: 'Standard_AzureFrontDoor',
    tags,
  });
  const endpoint = new CdnFrontdoorEndpoint(scope, 'Endpoint', {
    name: deriveName(path, EDGE_NAME_RULES.azureFrontDoorEndpoint),
    cdnFrontdoorProfileId: profile.id,
    tags,
  });
  const originGroup = new CdnFrontdoorOriginGroup(scope, 'OriginGroup', {
    name: 'origins',
    cdnFrontdoorProfileId: profile.id,
    sessionAffinityEnabled: false,
    healthProbe: { protocol: 'Https', path: '/', requestType: 'HEAD', intervalInSeconds: 100 },
    loadBalancing: { sampleSize: 4, successfulSamplesRequired: 3, additionalLatencyInMilliseconds: 50 },
  });
  const targets = originTargets(spec, input);
  const origins = targets.map((t) => new CdnFrontdoorOrigin(scope, t.id, {
    name: t.name,
    cdnFrontdoorOriginGroupId: originGroup.id,
    hostName: t.hostName,
    originHostHeader: t.hostName,
    httpsPort: 443,
    httpPort: 80,
    certificateNameCheckEnabled: true,
    enabled: true,
    priority: 1,
    weight: 1000,
  }));
  for (const t of targets) {
    if (t.app) {
      allowOnlyFrontDoor(t.app, profile.resourceGuid);
    }
  }

  const ruleDefs = frontDoorRules(spec);
  let ruleSet: CdnFrontdoorRuleSet | undefined;
  if (ruleDefs.length > 0) {
    ruleSet = new CdnFrontdoorRuleSet(scope, 'RuleSet', { name: 'CirrusRules', cdnFrontdoorProfileId: profile.id });
    ruleDefs.forEach((r, i) => new CdnFrontdoorRule(scope, `Rule${r.name}`, {
      name: r.name,
      cdnFrontdoorRuleSetId: ruleSet!.id,
      order: i + 1,
      behaviorOnMatch: r.stop ? 'Stop' : 'Continue',
      conditions: r.conditions,
      actions: r.actions,
      dependsOn: [originGroup, ...origins],
    }));
  }

  const domains = spec.domainNames.map((d, i) => new CdnFrontdoorCustomDomain(scope, `CustomDomain${i + 1}`, {
    name: deriveName([...path, d], { maxLength: 60, hyphens: true, prefix: 'cd-' }),
    cdnFrontdoorProfileId: profile.id,
    hostName: d,
    tls: { certificateType: 'ManagedCertificate', minimumTlsVersion: 'TLS12' },
  }));

  new CdnFrontdoorRoute(scope, 'Route', {
    name: 'default',
    cdnFrontdoorEndpointId: endpoint.id,
    cdnFrontdoorOriginGroupId: originGroup.id,
    cdnFrontdoorOriginIds: origins.map((o) => o.id),
    cdnFrontdoorRuleSetIds: ruleSet ? [ruleSet.id] : undefined,
    cdnFrontdoorCustomDomainIds: domains.length > 0 ? domains.map((d) => d.id) : undefined,
    patternsToMatch: ['/*'],
    supportedProtocols: ['Http', 'Https'],
    httpsRedirectEnabled: true,
    forwardingProtocol: 'HttpsOnly',
    linkToDefaultDomain: true,
  });

  if (spec.accessLogs) {
    new MonitorDiagnosticSetting(scope, 'AccessLogs', {
      name: 'cirrus-access-logs',
      targetResourceId: profile.id,
      logAnalyticsWorkspaceId: workspaceFor(scope, ACCESS_LOG_RETENTION_DAYS).id,
      enabledLog: [{ category: 'FrontDoorAccessLog' }],
    });
  }
  const domainName = spec.domainNames[0] ?? endpoint.hostName;
  return { resource: profile, url: `https://${domainName}`, domainName };
}
