/**
 * When custom edge code runs in the life of a request.
 *
 * AWS runs the code at exactly this point (a CloudFront Function for viewer
 * events, Lambda@Edge for origin events). Azure and GCP run no user code at
 * the edge: there the code is a regional function that every request passes
 * through, and the event type is handed to it in `CIRRUS_EDGE_EVENT_TYPE`.
 */
export enum EdgeEventType {
  /** When the edge receives a request from a viewer, before its cache is checked. */
  VIEWER_REQUEST = 'viewer-request',
  /** Before the edge returns a response to the viewer. */
  VIEWER_RESPONSE = 'viewer-response',
  /** Before the edge forwards a request to the origin (cache misses only). */
  ORIGIN_REQUEST = 'origin-request',
  /** When the edge receives the origin's response, before caching it. */
  ORIGIN_RESPONSE = 'origin-response',
}

/**
 * What runs custom edge code on AWS.
 */
export enum EdgeCodeKind {
  /**
   * A CloudFront Function (cloudfront-js-2.0): viewer events only, at most
   * 10 KB of JavaScript, no network access, sub-millisecond budget.
   */
  CLOUDFRONT_FUNCTION = 'cloudfront-function',
  /**
   * A Lambda@Edge function: a published Lambda version in us-east-1 without
   * environment variables; viewer events allow 128 MB and 5 s, origin events
   * 30 s.
   */
  LAMBDA_AT_EDGE = 'lambda-at-edge',
}

/** Whether an event is a viewer event (the only kind CloudFront Functions serve). */
export function isViewerEvent(eventType: EdgeEventType): boolean {
  return eventType === EdgeEventType.VIEWER_REQUEST || eventType === EdgeEventType.VIEWER_RESPONSE;
}
