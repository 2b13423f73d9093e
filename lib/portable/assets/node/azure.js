'use strict';
// Cirrus portable handlers on Azure Functions (Node.js v4 programming model).
// Cirrus's generated entry module registers each declared trigger with
// @azure/functions and hands it `handlerFor(kind, many)`: the platform's
// (input, context) becomes the portable event, the result an HttpResponseInit,
// or an error that makes the host abandon the message (Service Bus redelivers
// it, then dead-letters it) or retry the event (Event Grid, timer).
const { failedIds, httpResult, lowerHeaders, parseJson, requestBody, userHandler } = require('./event');

function stringMap(value) {
  return Object.fromEntries(Object.entries(value || {}).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}

async function httpEvent(request) {
  const url = new URL(request.url);
  const headers = lowerHeaders(request.headers);
  const { body, rawBody } = requestBody(headers, Buffer.from(await request.arrayBuffer()));
  const query = {};
  url.searchParams.forEach((value, name) => { query[name] = query[name] === undefined ? value : `${query[name]},${value}`; });
  return { cloud: 'azure', trigger: 'http', http: { method: request.method, path: url.pathname, headers, query, body, rawBody } };
}

/** Service Bus messages: one, or an array with cardinality "many"; ids and properties from the trigger metadata. */
function messageEvent(kind, input, context, many) {
  const meta = context.triggerMetadata || {};
  const messages = many ? input : [input];
  const ids = (many ? meta.messageIdArray : [meta.messageId]) || [];
  const props = (many ? meta.applicationPropertiesArray : [meta.applicationProperties]) || [];
  return {
    cloud: 'azure', trigger: kind,
    records: messages.map((m, i) => ({
      id: String(ids[i] ?? `${context.invocationId}:${i}`),
      data: typeof m === 'string' ? parseJson(m) : Buffer.isBuffer(m) ? parseJson(m.toString('utf8')) : m,
      attributes: stringMap(props[i]),
    })),
  };
}

/** Blob events (Event Grid schema): the container is the bucket, the blob path after it the name. */
function storageEvent(e) {
  const [, container, name] = /\/containers\/([^/]+)\/blobs\/(.+)$/.exec(e.subject || '') || [];
  const type = e.eventType || e.type || '';
  return {
    cloud: 'azure', trigger: 'storage',
    records: [{
      id: e.id,
      data: { bucket: container, name, size: e.data && e.data.contentLength, eventType: /BlobDeleted$/.test(type) ? 'deleted' : 'created' },
      attributes: { type },
    }],
  };
}

/** A custom event (CloudEvents 1.0, as Cirrus's Event Grid topics take them). */
function busEvent(e) {
  return { cloud: 'azure', trigger: 'eventBus', records: [{ id: e.id, data: e.data, attributes: { source: String(e.source ?? e.topic ?? ''), type: String(e.type ?? e.eventType ?? '') } }] };
}

function timerEvent(timer, context) {
  return {
    cloud: 'azure', trigger: 'schedule',
    records: [{ id: context.invocationId, data: { scheduledTime: new Date().toISOString(), isPastDue: Boolean(timer && timer.isPastDue) }, attributes: { schedule: context.functionName } }],
  };
}

async function toEvent(kind, input, context, many) {
  switch (kind) {
    case 'http': return httpEvent(input);
    case 'queue':
    case 'topic': return messageEvent(kind, input, context, many);
    case 'storage': return storageEvent(input);
    case 'eventBus': return busEvent(input);
    case 'schedule': return timerEvent(input, context);
    default: throw new TypeError(`Cirrus portable handler: unknown trigger kind ${kind}`);
  }
}

function toResponse(event, result) {
  if (event.trigger === 'http') {
    const { statusCode, headers, body } = httpResult(result);
    return { status: statusCode, headers, body };
  }
  const failed = failedIds(result, event.records);
  if (failed.length > 0) {
    // The host abandons the message(s) (Service Bus redelivers, then dead-letters) or retries the event.
    throw new Error(`Cirrus portable handler: records failed: ${failed.join(', ')}`);
  }
  return undefined;
}

/** `handlerFor(kind, many)`: the function the entry module registers for one trigger. */
function createHandlers(loadModule, exportName) {
  const user = userHandler(loadModule, exportName);
  return (kind, many) => async (input, context) => {
    const event = await toEvent(kind, input, context, many);
    return toResponse(event, await user(event));
  };
}

module.exports = { createHandlers, toEvent, toResponse };
