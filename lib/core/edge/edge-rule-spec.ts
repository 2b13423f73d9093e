// The portable EdgeRules: redirects, path rewrites and header changes, validated for each cloud's rule engine.
import { CLOUD_LABEL, CloudProvider } from '../cloud-provider';
import { describeValue, ProblemCollector } from '../errors';
import { HeaderSetting } from './aws-response-headers';
import { EdgeRule, EdgeRuleKind, REDIRECT_STATUS_CODES } from './edge-rule';
import { HEADER_NAME, HEADER_VALUE, reservedHeaderReason } from './headers';
import type { RedirectSpec, RewriteSpec } from './edge-spec';
import { HOST, PATH } from './edge-patterns';

/** Azure Front Door: most rules in one rule set, and actions in one rule. */
export const AZURE_RULES_PER_RULE_SET = 100;
export const AZURE_ACTIONS_PER_RULE = 5;

function checkPath(problems: ProblemCollector, prop: string, value: unknown): value is string {
  if (typeof value !== 'string' || !PATH.test(value) || value.includes('//')) {
    problems.invalid(prop, 'must be a URL path starting with "/", without query string, fragment, spaces or "//"', value);
    return false;
  }
  return true;
}

/** Lowercases and checks a header name; undefined when invalid. */
function checkHeaderName(problems: ProblemCollector, cloud: CloudProvider, rule: EdgeRule, label: string, removing: boolean): string | undefined {
  const raw = rule.headerName;
  if (typeof raw !== 'string' || !HEADER_NAME.test(raw)) {
    problems.add(`${label} has an invalid header name: use letters, digits and ${'!#$%&\'*+-.^_`|~'}`);
    return undefined;
  }
  const name = raw.toLowerCase();
  const reserved = reservedHeaderReason(cloud, name, removing);
  if (reserved) {
    problems.add(`${label}: header ${describeValue(name)} ${reserved}`);
    return undefined;
  }
  return name;
}

function checkHeaderValue(problems: ProblemCollector, cloud: CloudProvider, rule: EdgeRule, label: string): string | undefined {
  const value = rule.headerValue;
  if (typeof value !== 'string' || !HEADER_VALUE.test(value) || value.trim().length === 0) {
    problems.add(`${label} has an invalid header value: use visible ASCII characters and spaces, not empty, without line breaks`);
    return undefined;
  }
  if (cloud !== CloudProvider.AWS && /\{[A-Za-z_][A-Za-z0-9_.]*\}/.test(value)) {
    const what = cloud === CloudProvider.AZURE ? 'a Front Door server variable' : 'a load balancer header variable';
    problems.add(`${label}: the value holds {…}, which ${CLOUD_LABEL[cloud]} reads as ${what}; the rule would not send the same text on every cloud`);
    return undefined;
  }
  return value;
}

export interface NormalisedRules {
  requestHeaders: HeaderSetting[];
  responseHeaders: HeaderSetting[];
  removeResponseHeaders: string[];
  redirects: RedirectSpec[];
  rewrites: RewriteSpec[];
}

/** Validates the rules and sorts them by kind; header names lowercased. */
export function normaliseRules(problems: ProblemCollector, cloud: CloudProvider, rules: EdgeRule[]): NormalisedRules {
  const out: NormalisedRules = { requestHeaders: [], responseHeaders: [], removeResponseHeaders: [], redirects: [], rewrites: [] };
  const seenRequest = new Set<string>();
  const seenResponse = new Map<string, string>();
  const seenRedirect = new Set<string>();
  const seenRewrite = new Set<string>();
  rules.forEach((rule, i) => {
    const prop = `rules[${i}]`;
    if (!(rule instanceof EdgeRule)) {
      problems.invalid(prop, 'must be made with EdgeRule.setRequestHeader, setResponseHeader, removeResponseHeader, redirect or rewritePath', rule);
      return;
    }
    const label = `${prop} (${String(rule)})`;
    switch (rule.kind) {
      case EdgeRuleKind.SET_REQUEST_HEADER: {
        const name = checkHeaderName(problems, cloud, rule, label, false);
        const value = checkHeaderValue(problems, cloud, rule, label);
        if (name && seenRequest.has(name)) {
          problems.add(`${label} sets request header ${describeValue(name)} a second time`);
        } else if (name && value !== undefined) {
          seenRequest.add(name);
          out.requestHeaders.push({ name, value });
        }
        break;
      }
      case EdgeRuleKind.SET_RESPONSE_HEADER:
      case EdgeRuleKind.REMOVE_RESPONSE_HEADER: {
        const removing = rule.kind === EdgeRuleKind.REMOVE_RESPONSE_HEADER;
        const name = checkHeaderName(problems, cloud, rule, label, removing);
        const value = removing ? '' : checkHeaderValue(problems, cloud, rule, label);
        if (name && seenResponse.has(name)) {
          problems.add(`${label} conflicts with ${seenResponse.get(name)}: one rule per response header`);
        } else if (name && value !== undefined) {
          seenResponse.set(name, String(rule));
          if (removing) {
            out.removeResponseHeaders.push(name);
          } else {
            out.responseHeaders.push({ name, value });
          }
        }
        break;
      }
      case EdgeRuleKind.REDIRECT: {
        const okFrom = checkPath(problems, `${label} fromPath`, rule.fromPath);
        const status = rule.statusCode ?? 302;
        if (!REDIRECT_STATUS_CODES.includes(status)) {
          problems.invalid(`${label} statusCode`, `must be one of ${REDIRECT_STATUS_CODES.join(', ')}`, status);
        } else if (cloud === CloudProvider.AZURE && status === 303) {
          problems.add(`${label} cannot be expressed on Azure: Front Door redirects with 301, 302, 307 or 308, not 303`);
        }
        let host: string | undefined;
        let target: string | undefined;
        const to = rule.toUrl;
        if (typeof to === 'string' && to.startsWith('/')) {
          target = checkPath(problems, `${label} toUrl`, to) ? to : undefined;
        } else {
          const m = typeof to === 'string' ? /^https:\/\/([^/?#:]+)(\/[^?#]*)?$/i.exec(to) : null;
          host = m?.[1].toLowerCase();
          const p = m?.[2] ?? '/';
          if (!m || !HOST.test(host!) || !PATH.test(p)) {
            problems.invalid(`${label} toUrl`, 'must be a path ("/new") or an https:// URL ("https://example.com/new") without port, query string or fragment', to);
          } else {
            target = p;
          }
        }
        if (okFrom && cloud === CloudProvider.AZURE && rule.fromPath === '/') {
          problems.add(`${label} cannot be expressed on Azure: a Front Door URL path condition matches the path without its leading "/", so the root path cannot be matched exactly; redirect a named path, or answer "/" from the origin`);
        }
        if (okFrom && seenRedirect.has(rule.fromPath!)) {
          problems.add(`${label} redirects ${describeValue(rule.fromPath)} a second time`);
        } else if (okFrom && target !== undefined && REDIRECT_STATUS_CODES.includes(status)) {
          seenRedirect.add(rule.fromPath!);
          out.redirects.push({ fromPath: rule.fromPath!, toUrl: rule.toUrl!, statusCode: status, host, path: target });
        }
        break;
      }
      case EdgeRuleKind.REWRITE_PATH: {
        const okFrom = checkPath(problems, `${label} fromPrefix`, rule.fromPrefix);
        const okTo = checkPath(problems, `${label} toPrefix`, rule.toPrefix);
        if (okFrom && seenRewrite.has(rule.fromPrefix!)) {
          problems.add(`${label} rewrites the prefix ${describeValue(rule.fromPrefix)} a second time`);
        } else if (okFrom && okTo) {
          seenRewrite.add(rule.fromPrefix!);
          out.rewrites.push({ fromPrefix: rule.fromPrefix!, toPrefix: rule.toPrefix! });
        }
        break;
      }
    }
  });
  return out;
}

/** Azure rule count: header actions packed 5 a rule, one rule per redirect and rewrite. */
export function azureRuleCount(rules: NormalisedRules): number {
  const headerActions = rules.requestHeaders.length + rules.responseHeaders.length + rules.removeResponseHeaders.length;
  return Math.ceil(headerActions / AZURE_ACTIONS_PER_RULE) + rules.redirects.length + rules.rewrites.length;
}
