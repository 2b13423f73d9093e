// The origin of an EdgeFunction: a Cirrus function of the same stack with a PUBLIC HTTP trigger, or an https URL.
import { CLOUD_LABEL, CloudProvider } from '../cloud-provider';
import { ProblemCollector } from '../errors';
import { HttpAuth } from '../http';
import { isUnresolved } from '../tokens';
import { EdgeOrigin, EdgeOriginKind } from './edge-origin';
import type { EdgeContext, EdgeOriginSpec } from './edge-spec';
import { HOST } from './edge-patterns';

const EDGE_NAME: Record<CloudProvider, string> = {
  [CloudProvider.AWS]: 'CloudFront',
  [CloudProvider.AZURE]: 'Azure Front Door',
  [CloudProvider.GCP]: 'the global external Application Load Balancer',
  [CloudProvider.LOCAL]: 'the local run',
};

/** Host of an `https://host[:443][/]` URL, or undefined when it is not one. */
function httpsHost(url: string): string | undefined {
  const m = /^https:\/\/([^/?#:]+)(:443)?\/?$/i.exec(url);
  const host = m?.[1].toLowerCase();
  return host && HOST.test(host) ? host : undefined;
}

/** Validates the origin; function origins need a PUBLIC HTTP trigger of the same stack. */
export function normaliseOrigin(problems: ProblemCollector, cloud: CloudProvider, origin: EdgeOrigin, ctx: EdgeContext, warnings: string[]): EdgeOriginSpec | undefined {
  const label = CLOUD_LABEL[cloud];
  if (!(origin instanceof EdgeOrigin)) {
    problems.invalid('origin', 'must be made with EdgeOrigin.fromFunction or EdgeOrigin.fromUrl', origin);
    return undefined;
  }
  if (origin.kind === EdgeOriginKind.URL) {
    const url = origin.url;
    if (typeof url === 'string' && isUnresolved(url)) {
      return { kind: origin.kind, url };
    }
    const host = typeof url === 'string' ? httpsHost(url) : undefined;
    if (!host) {
      problems.invalid('origin', 'must be EdgeOrigin.fromUrl("https://<host>"): HTTPS, a host name, no port other than 443, no path, query or fragment (map paths with EdgeRule.rewritePath)', url);
      return undefined;
    }
    return { kind: origin.kind, url: `https://${host}`, host };
  }
  const facts = ctx.originFunction;
  const fnPath = facts?.constructPath ?? 'the function';
  if (!facts) {
    problems.invalid('origin', 'must name an EventDrivenFunction', origin.originFunction);
    return undefined;
  }
  if (facts.provider !== cloud || !facts.sameStack) {
    problems.add(`origin: EdgeOrigin.fromFunction(${fnPath}) must name a function of this EdgeFunction's stack (it renders for ${CLOUD_LABEL[facts.provider]}${facts.sameStack ? '' : ' in another stack'}); create the function in the same stack`);
    return undefined;
  }
  if (facts.httpTriggers.length === 0) {
    problems.add(`origin: EdgeOrigin.fromFunction(${fnPath}) needs a function with an HTTP trigger (Trigger.http); it has none`);
    return undefined;
  }
  const publicTriggers = facts.httpTriggers.filter((t) => t.auth === HttpAuth.PUBLIC);
  if (publicTriggers.length === 0) {
    const why: Record<CloudProvider, string> = {
      [CloudProvider.AWS]: 'CloudFront cannot sign requests to an AWS_IAM (SigV4) HTTP API route',
      [CloudProvider.AZURE]: 'Front Door does not send function keys',
      [CloudProvider.GCP]: 'the load balancer does not send identity tokens',
      [CloudProvider.LOCAL]: 'an edge reaches its origin as a public caller',
    };
    problems.add(`origin: EdgeOrigin.fromFunction(${fnPath}) needs an HTTP trigger with auth: HttpAuth.PUBLIC on ${label}: ${why[cloud]}, and its only HTTP triggers are HttpAuth.PRIVATE`);
    return undefined;
  }
  const privatePaths = facts.httpTriggers.filter((t) => t.auth === HttpAuth.PRIVATE).map((t) => t.path);
  if (privatePaths.length > 0) {
    warnings.push(`origin: the HttpAuth.PRIVATE routes of ${fnPath} (${privatePaths.join(', ')}) are not reachable through ${EDGE_NAME[cloud]}, which sends requests without credentials`);
  }
  return { kind: origin.kind, originFunction: origin.originFunction };
}
