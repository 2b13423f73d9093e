import { describeValue } from '../errors';
import { markKind } from '../validation';

/**
 * What an EdgeRule does.
 */
export enum EdgeRuleKind {
  /** Sets a header on the request forwarded to the origin. */
  SET_REQUEST_HEADER = 'set-request-header',
  /** Sets a header on the response returned to the viewer. */
  SET_RESPONSE_HEADER = 'set-response-header',
  /** Removes a header from the response returned to the viewer. */
  REMOVE_RESPONSE_HEADER = 'remove-response-header',
  /** Answers requests for one path with a redirect. */
  REDIRECT = 'redirect',
  /** Replaces a path prefix before the request reaches the origin. */
  REWRITE_PATH = 'rewrite-path',
}

/** Redirect status codes an EdgeRule accepts (Azure Front Door cannot send 303). */
export const REDIRECT_STATUS_CODES = [301, 302, 303, 307, 308];

/**
 * A portable, declarative edge rule. Each cloud compiles it natively: AWS
 * into a generated CloudFront Function (requests) or a response headers
 * policy (responses), Azure into Front Door rule set rules, GCP into URL map
 * header, redirect and rewrite actions. A rule a cloud cannot express is an
 * error at synthesis, never dropped.
 *
 * Order of evaluation everywhere: redirects (on the path as requested, first
 * match wins), then one path rewrite (first matching prefix), then request
 * headers; response header rules apply to the origin's responses.
 */
export class EdgeRule {
  /**
   * Sets (overwrites) a header on every request forwarded to the origin.
   *
   * @param name the header name (case-insensitive; sent lowercase)
   * @param value the header value
   */
  public static setRequestHeader(name: string, value: string): EdgeRule {
    return new EdgeRule(EdgeRuleKind.SET_REQUEST_HEADER, { headerName: name, headerValue: value });
  }

  /**
   * Sets (overwrites) a header on every response from the origin, e.g.
   * `x-frame-options: DENY`.
   *
   * @param name the header name (case-insensitive)
   * @param value the header value
   */
  public static setResponseHeader(name: string, value: string): EdgeRule {
    return new EdgeRule(EdgeRuleKind.SET_RESPONSE_HEADER, { headerName: name, headerValue: value });
  }

  /**
   * Removes a header from every response from the origin, e.g. `x-powered-by`.
   *
   * @param name the header name (case-insensitive)
   */
  public static removeResponseHeader(name: string): EdgeRule {
    return new EdgeRule(EdgeRuleKind.REMOVE_RESPONSE_HEADER, { headerName: name });
  }

  /**
   * Answers requests whose path is exactly `fromPath` with a redirect to
   * `toUrl`, keeping the query string. Azure compares paths
   * case-insensitively; AWS and GCP exactly.
   *
   * @param fromPath the request path, e.g. `/old-home`
   * @param toUrl where to send the viewer: a path (`/home`) or an HTTPS URL (`https://example.com/home`), without query or fragment
   * @param statusCode 301, 302, 303, 307 or 308 (Azure Front Door cannot send 303). Default: 302 (temporary, not cached by browsers)
   */
  public static redirect(fromPath: string, toUrl: string, statusCode?: number): EdgeRule {
    return new EdgeRule(EdgeRuleKind.REDIRECT, { fromPath, toUrl, statusCode: statusCode ?? 302 });
  }

  /**
   * Replaces the path prefix `fromPrefix` with `toPrefix` before the request
   * reaches the origin, e.g. `/api/` to `/v2/` turns `/api/orders` into
   * `/v2/orders`. The viewer's URL does not change.
   *
   * @param fromPrefix the prefix to match, starting with `/`
   * @param toPrefix its replacement, starting with `/`
   */
  public static rewritePath(fromPrefix: string, toPrefix: string): EdgeRule {
    return new EdgeRule(EdgeRuleKind.REWRITE_PATH, { fromPrefix, toPrefix });
  }

  /** What the rule does. */
  public readonly kind: EdgeRuleKind;

  /** The header name, for header rules. */
  public readonly headerName?: string;

  /** The header value, for the set-header rules. */
  public readonly headerValue?: string;

  /** The path redirected, for redirects. */
  public readonly fromPath?: string;

  /** The redirect target, for redirects. */
  public readonly toUrl?: string;

  /** The redirect status code, for redirects. */
  public readonly statusCode?: number;

  /** The prefix replaced, for path rewrites. */
  public readonly fromPrefix?: string;

  /** The replacement prefix, for path rewrites. */
  public readonly toPrefix?: string;

  private constructor(kind: EdgeRuleKind, fields: {
    headerName?: string; headerValue?: string; fromPath?: string; toUrl?: string; statusCode?: number; fromPrefix?: string; toPrefix?: string;
  }) {
    this.kind = kind;
    this.headerName = fields.headerName;
    this.headerValue = fields.headerValue;
    this.fromPath = fields.fromPath;
    this.toUrl = fields.toUrl;
    this.statusCode = fields.statusCode;
    this.fromPrefix = fields.fromPrefix;
    this.toPrefix = fields.toPrefix;
  }

  /** The rule as written, e.g. `EdgeRule.redirect("/old", "/new", 301)`, for messages. */
  public toString(): string {
    const args = (...values: unknown[]) => values.map((v) => describeValue(v)).join(', ');
    switch (this.kind) {
      case EdgeRuleKind.SET_REQUEST_HEADER:
        return `EdgeRule.setRequestHeader(${args(this.headerName, this.headerValue)})`;
      case EdgeRuleKind.SET_RESPONSE_HEADER:
        return `EdgeRule.setResponseHeader(${args(this.headerName, this.headerValue)})`;
      case EdgeRuleKind.REMOVE_RESPONSE_HEADER:
        return `EdgeRule.removeResponseHeader(${args(this.headerName)})`;
      case EdgeRuleKind.REDIRECT:
        return `EdgeRule.redirect(${args(this.fromPath, this.toUrl, this.statusCode)})`;
      default:
        return `EdgeRule.rewritePath(${args(this.fromPrefix, this.toPrefix)})`;
    }
  }
}

markKind(EdgeRule, 'EdgeRule');
