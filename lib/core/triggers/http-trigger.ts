import { CLOUD_LABEL, CloudProvider } from '../cloud-provider';
import { describeValue } from '../errors';
import { HttpAuth, HttpMethod } from '../http';
import { HTTP_API_SPECS } from '../http-api-spec';
import { checkReservedPath } from '../portable-spec';
import { isUnresolved } from '../tokens';
import { Trigger, TriggerKind } from '../trigger';
import { triggerOptions } from './trigger-options';
import type { TriggerContext } from './trigger-context';
import type { HttpTriggerSpec } from './trigger-spec';

/** `/`, or segments of literals and `{parameter}`s, optionally ending in one greedy `{parameter+}` (every deeper path). */
const HTTP_PATH = /^(?=\/)(?:\/|(?:\/(?:[A-Za-z0-9\-_.~]+|\{[A-Za-z_][A-Za-z0-9_]*\}))*(?:\/\{[A-Za-z_][A-Za-z0-9_]*\+\})?)$/;

/** An HTTP route: path syntax, methods, auth; routes unique within the function. */
export function normaliseHttpTrigger(ctx: TriggerContext, trigger: Trigger, prop: string): HttpTriggerSpec {
  const { problems, cloud, label, ids, routes } = ctx;
  const o = triggerOptions(problems, prop, trigger.kind, trigger.httpOptions);
  const routePath = o.path ?? '/';
  const methods = o.methods && o.methods.length > 0 ? [...new Set(o.methods)] : [HttpMethod.ANY];
  if (isUnresolved(routePath)) {
    problems.add(`${prop}.path cannot be an unresolved token: the route is written into each cloud's routing (API Gateway route key, function.json route, URL map) at synth time`);
  } else if (!HTTP_PATH.test(routePath)) {
    problems.invalid(`${prop}.path`, 'must start with "/" and hold segments of letters, digits, "-", "_", ".", "~" or a {parameter}, optionally ending in one greedy {parameter+}', routePath);
  }
  checkReservedPath(problems, `${prop}.path`, routePath);
  if (cloud === CloudProvider.AZURE && /^\/admin(\/|$)/i.test(routePath)) {
    problems.invalid(`${prop}.path`, 'cannot start with /admin on Azure, where the Functions host reserves it', routePath);
  }
  if (methods.includes(HttpMethod.ANY) && methods.length > 1) {
    problems.invalid(`${prop}.methods`, 'cannot mix HttpMethod.ANY with other methods', methods);
  }
  for (const m of methods) {
    if (!Object.values(HttpMethod).includes(m)) {
      problems.invalid(`${prop}.methods`, `must hold HttpMethod values (${Object.values(HttpMethod).join(', ')})`, m);
    }
    const key = `${m} ${routePath}`;
    if (routes.has(key)) {
      problems.add(`${prop} repeats the route ${describeValue(key)}`);
    }
    routes.add(key);
  }
  const api = o.api;
  if (api && api.provider !== cloud) {
    problems.add(`${prop}.api ${api.node.path} is on ${CLOUD_LABEL[api.provider]}, not ${label}`);
  }
  // A route without auth takes its API's.
  const auth = o.auth ?? HTTP_API_SPECS.tryOf(api)?.auth ?? HttpAuth.PRIVATE;
  if (!Object.values(HttpAuth).includes(auth)) {
    problems.invalid(`${prop}.auth`, 'must be HttpAuth.PRIVATE or HttpAuth.PUBLIC', auth);
  }
  return { kind: TriggerKind.HTTP, id: ids.next('Http'), path: routePath, methods, auth, ...(api ? { api } : {}) };
}
