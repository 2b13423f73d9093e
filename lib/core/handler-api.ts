/**
 * How a function's code receives its invocations.
 */
export enum HandlerApi {
  /**
   * Each cloud calls the handler with its own event shape: Lambda's
   * `(event, context)`, Azure Functions' `(input, context)` (Node.js v4) or
   * binding objects (Python), the Functions Framework's `(req, res)`.
   */
  NATIVE = 'native',
  /**
   * One event and one result on every cloud and locally: the handler gets
   * `{ cloud, trigger, http?, records? }` and returns `{ statusCode, headers?,
   * body? }` for HTTP, or nothing / `{ failedRecordIds }` for batches. Cirrus
   * puts the adapter and the `cirrus-runtime` producers into the package.
   */
  PORTABLE = 'portable',
}
