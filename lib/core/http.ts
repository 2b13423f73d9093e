/**
 * HTTP methods an HTTP trigger accepts.
 */
export enum HttpMethod {
  /** Every method. */
  ANY = 'ANY',
  /** GET */
  GET = 'GET',
  /** POST */
  POST = 'POST',
  /** PUT */
  PUT = 'PUT',
  /** PATCH */
  PATCH = 'PATCH',
  /** DELETE */
  DELETE = 'DELETE',
  /** HEAD */
  HEAD = 'HEAD',
  /** OPTIONS */
  OPTIONS = 'OPTIONS',
}

/**
 * Who may call an HTTP trigger.
 */
export enum HttpAuth {
  /**
   * Only authenticated callers: AWS IAM (SigV4) on the HTTP API route, an
   * Azure function key, a GCP identity token with the invoker role.
   */
  PRIVATE = 'private',
  /** Anyone on the internet. */
  PUBLIC = 'public',
}
