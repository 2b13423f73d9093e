import type { CdnFrontdoorRuleActions, CdnFrontdoorRuleConditions } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-rule';
import { AZURE_ACTIONS_PER_RULE, EdgeSpec } from '../../core/edge/edge-spec';

/** One Front Door rule: its construct id (also its name), conditions, actions and whether it stops later rules. */
export interface FrontDoorRuleDef {
  readonly name: string;
  readonly conditions?: CdnFrontdoorRuleConditions;
  readonly actions: CdnFrontdoorRuleActions;
  readonly stop: boolean;
}

const REDIRECT_TYPE: Record<number, string> = {
  301: 'Moved',
  302: 'Found',
  307: 'TemporaryRedirect',
  308: 'PermanentRedirect',
};

type HeaderAction = { kind: 'request' | 'response'; headerAction: string; headerName: string; value?: string };

/**
 * The rule set's rules, in evaluation order: header rules first (no
 * condition, up to five actions each), then one rule per redirect (exact
 * path, stops), then one per rewrite (path prefix, stops). Regional code
 * needs no rule: its function's catch-all route takes every path.
 *
 * Front Door's URL path condition matches the path without its leading "/";
 * it is compared after the Lowercase transform, so values are lowercased.
 */
export function frontDoorRules(spec: EdgeSpec): FrontDoorRuleDef[] {
  const headerActions: HeaderAction[] = [
    ...spec.requestHeaders.map((h): HeaderAction => ({ kind: 'request', headerAction: 'Overwrite', headerName: h.name, value: h.value })),
    ...spec.responseHeaders.map((h): HeaderAction => ({ kind: 'response', headerAction: 'Overwrite', headerName: h.name, value: h.value })),
    ...spec.removeResponseHeaders.map((name): HeaderAction => ({ kind: 'response', headerAction: 'Delete', headerName: name })),
  ];
  const rules: FrontDoorRuleDef[] = [];
  for (let i = 0; i < headerActions.length; i += AZURE_ACTIONS_PER_RULE) {
    const chunk = headerActions.slice(i, i + AZURE_ACTIONS_PER_RULE);
    const strip = ({ kind: _kind, ...rest }: HeaderAction) => rest;
    const request = chunk.filter((a) => a.kind === 'request').map(strip);
    const response = chunk.filter((a) => a.kind === 'response').map(strip);
    rules.push({
      name: `Headers${i / AZURE_ACTIONS_PER_RULE + 1}`,
      actions: {
        requestHeaderAction: request.length > 0 ? request : undefined,
        responseHeaderAction: response.length > 0 ? response : undefined,
      },
      stop: false,
    });
  }
  spec.redirects.forEach((r, i) => {
    rules.push({
      name: `Redirect${i + 1}`,
      conditions: { urlPathCondition: [{ operator: 'Equal', matchValues: [r.fromPath.slice(1).toLowerCase()], transforms: ['Lowercase'] }] },
      actions: {
        urlRedirectAction: {
          redirectType: REDIRECT_TYPE[r.statusCode],
          redirectProtocol: r.host ? 'Https' : 'MatchRequest',
          destinationHostname: r.host ?? '',
          destinationPath: r.path,
        },
      },
      stop: true,
    });
  });
  spec.rewrites.forEach((r, i) => {
    const prefix = r.fromPrefix.slice(1).toLowerCase();
    rules.push({
      name: `Rewrite${i + 1}`,
      conditions: {
        urlPathCondition: [prefix === '' ? { operator: 'Any' } : { operator: 'BeginsWith', matchValues: [prefix], transforms: ['Lowercase'] }],
      },
      actions: { urlRewriteAction: { sourcePattern: r.fromPrefix, destination: r.toPrefix, preserveUnmatchedPath: true } },
      stop: true,
    });
  });
  return rules;
}
