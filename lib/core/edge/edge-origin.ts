import type { IEventDrivenFunction } from '../function-contract';
import { markKind } from '../validation';

/**
 * Where an EdgeOrigin sends requests.
 */
export enum EdgeOriginKind {
  /** An EventDrivenFunction, through its HTTP trigger. */
  FUNCTION = 'function',
  /** A public HTTPS endpoint given by URL. */
  URL = 'url',
}

/**
 * The origin behind an EdgeFunction: what the edge forwards requests to.
 */
export class EdgeOrigin {
  /**
   * An EventDrivenFunction of the same stack, reached through its HTTP
   * trigger. The edge forwards requests without credentials, so the function
   * needs an `HttpAuth.PUBLIC` HTTP trigger (on GCP its ingress is then
   * limited to the load balancer; on Azure its access to this Front Door
   * profile).
   *
   * @param originFunction the function; it must have an HTTP trigger
   */
  public static fromFunction(originFunction: IEventDrivenFunction): EdgeOrigin {
    return new EdgeOrigin(EdgeOriginKind.FUNCTION, originFunction, undefined);
  }

  /**
   * A public HTTPS endpoint, e.g. `https://api.example.com`: scheme and host
   * only (map paths with EdgeRule.rewritePath).
   *
   * @param url the origin's base URL
   */
  public static fromUrl(url: string): EdgeOrigin {
    return new EdgeOrigin(EdgeOriginKind.URL, undefined, url);
  }

  /** Whether the origin is a function or a URL. */
  public readonly kind: EdgeOriginKind;

  /** The function, for FUNCTION origins. */
  public readonly originFunction?: IEventDrivenFunction;

  /** The URL, for URL origins. */
  public readonly url?: string;

  private constructor(kind: EdgeOriginKind, originFunction: IEventDrivenFunction | undefined, url: string | undefined) {
    this.kind = kind;
    this.originFunction = originFunction;
    this.url = url;
  }
}

markKind(EdgeOrigin, 'EdgeOrigin');
