'use strict';
// Cirrus portable handlers on AWS Lambda (Node.js). The Lambda handler of a
// PORTABLE function: reads the event of each trigger Cirrus wires (API Gateway
// HTTP API payload 2.0, SQS, SNS, EventBridge, S3 through EventBridge, EventBridge
// Scheduler with the input Cirrus sets) and answers the way Lambda's caller expects.
const { failedIds, httpResult, isText, lowerHeaders, parseJson, requestBody, userHandler } = require('./event');

function attributesOf(map, field) {
  return Object.fromEntries(Object.entries(map || {}).map(([k, v]) => [k, v && v[field] !== undefined ? String(v[field]) : String(v)]));
}

/** The portable event of one Lambda invocation. */
function toEvent(e) {
  if (e && e.requestContext && e.requestContext.http) {
    const headers = lowerHeaders(e.headers);
    if (Array.isArray(e.cookies) && e.cookies.length > 0) headers.cookie = e.cookies.join('; ');
    const raw = e.body === undefined || e.body === null ? undefined : Buffer.from(e.body, e.isBase64Encoded ? 'base64' : 'utf8');
    const { body, rawBody } = requestBody(headers, raw);
    return {
      cloud: 'aws', trigger: 'http',
      http: { method: e.requestContext.http.method, path: e.rawPath || e.requestContext.http.path, headers, query: { ...(e.queryStringParameters || {}) }, body, rawBody },
    };
  }
  const first = e && Array.isArray(e.Records) ? e.Records[0] : undefined;
  if (first && first.eventSource === 'aws:sqs') {
    return {
      cloud: 'aws', trigger: 'queue',
      records: e.Records.map((r) => ({ id: r.messageId, data: parseJson(r.body), attributes: attributesOf(r.messageAttributes, 'stringValue') })),
    };
  }
  if (first && first.EventSource === 'aws:sns') {
    return {
      cloud: 'aws', trigger: 'topic',
      records: e.Records.map((r) => ({ id: r.Sns.MessageId, data: parseJson(r.Sns.Message), attributes: attributesOf(r.Sns.MessageAttributes, 'Value') })),
    };
  }
  if (e && e.cirrus && e.cirrus.trigger === 'schedule') {
    return { cloud: 'aws', trigger: 'schedule', records: [{ id: e.cirrus.executionId || e.cirrus.scheduledTime, data: { scheduledTime: e.cirrus.scheduledTime }, attributes: { schedule: e.cirrus.schedule } }] };
  }
  if (e && e.source === 'aws.s3' && /^Object (Created|Deleted)$/.test(e['detail-type'])) {
    const d = e.detail || {};
    return {
      cloud: 'aws', trigger: 'storage',
      records: [{
        id: e.id,
        data: { bucket: d.bucket && d.bucket.name, name: d.object && d.object.key, size: d.object && d.object.size, eventType: e['detail-type'] === 'Object Created' ? 'created' : 'deleted' },
        attributes: { reason: String(d.reason || '') },
      }],
    };
  }
  if (e && typeof e['detail-type'] === 'string' && typeof e.source === 'string') {
    return { cloud: 'aws', trigger: 'eventBus', records: [{ id: e.id, data: e.detail, attributes: { source: e.source, type: e['detail-type'] } }] };
  }
  throw new TypeError('Cirrus portable handler: this Lambda event comes from no trigger Cirrus declares');
}

/** What the caller gets back: an API Gateway v2 response, SQS batch item failures, or an error that makes Lambda retry. */
function toResponse(event, result) {
  if (event.trigger === 'http') {
    const { statusCode, headers, body } = httpResult(result);
    const text = isText(body, headers);
    return { statusCode, headers, body: text ? body.toString('utf8') : body.toString('base64'), isBase64Encoded: !text };
  }
  const failed = failedIds(result, event.records);
  if (event.trigger === 'queue') {
    // ReportBatchItemFailures: only these messages return to the queue (then its dead-letter queue).
    return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
  }
  if (failed.length > 0) {
    // Asynchronous invocations (SNS, EventBridge, Scheduler): an error makes Lambda retry, then the on-failure queue.
    throw new Error(`Cirrus portable handler: records failed: ${failed.join(', ')}`);
  }
  return undefined;
}

/** The Lambda handler around the user's module and export. */
function createHandler(loadModule, exportName) {
  const user = userHandler(loadModule, exportName);
  return async (lambdaEvent) => {
    const event = toEvent(lambdaEvent);
    return toResponse(event, await user(event));
  };
}

module.exports = { createHandler, toEvent, toResponse };
