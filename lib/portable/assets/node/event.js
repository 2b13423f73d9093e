'use strict';
// Cirrus portable handlers, Node.js: what every cloud's adapter shares. The
// user's export receives one event and returns one result on every cloud:
//
//   event  = { cloud, trigger, http?, records? }
//     cloud    'aws' | 'azure' | 'gcp' | 'local'
//     trigger  'http' | 'queue' | 'topic' | 'schedule' | 'storage' | 'eventBus'
//     http     { method, path, headers (lower-case names), query, body, rawBody }
//              body: parsed when the request is JSON, else a string; rawBody: the bytes (Buffer)
//     records  [{ id, data, attributes }]: data parsed when it is JSON; storage records carry
//              { bucket, name, size, eventType }; a schedule run is one record
//   result = http: { statusCode, headers?, body? } (an object body is sent as JSON)
//            others: nothing (all done) or { failedRecordIds: [...] }; a thrown error fails all
//
// No dependencies: this file and its siblings are copied into the function's package.

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;

/** Parses text as JSON when it is JSON, else returns it as it is. */
function parseJson(text) {
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Header names in lower case; a repeated header's values joined with ", " (cookies with "; "). */
function lowerHeaders(headers) {
  const out = {};
  // A Fetch API Headers object (Azure) or a plain object (AWS, Express on GCP).
  const entries = headers && typeof headers.get === 'function' && typeof headers.forEach === 'function'
    ? (() => { const list = []; headers.forEach((value, name) => list.push([name, value])); return list; })()
    : Object.entries(headers || {});
  for (const [name, value] of entries) {
    if (value === undefined || value === null) continue;
    const key = name.toLowerCase();
    const text = Array.isArray(value) ? value.join(key === 'cookie' ? '; ' : ', ') : String(value);
    out[key] = out[key] === undefined ? text : `${out[key]}${key === 'cookie' ? '; ' : ', '}${text}`;
  }
  return out;
}

/** The request body for the handler: parsed when the content type is JSON, else the text; and the raw bytes. */
function requestBody(headers, raw) {
  const rawBody = raw === undefined || raw === null ? Buffer.alloc(0) : Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw), 'utf8');
  if (rawBody.length === 0) return { body: undefined, rawBody };
  const text = rawBody.toString('utf8');
  return { body: JSON_TYPE.test(headers['content-type'] || '') ? parseJson(text) : text, rawBody };
}

/** The handler's HTTP result as status, lower-case headers and body bytes (an object body as JSON). */
function httpResult(result) {
  if (result === undefined || result === null) return { statusCode: 204, headers: {}, body: Buffer.alloc(0) };
  if (typeof result !== 'object' || !Number.isInteger(result.statusCode) || result.statusCode < 100 || result.statusCode > 599) {
    throw new TypeError('an HTTP handler must return { statusCode, headers?, body? } with statusCode 100-599');
  }
  const headers = lowerHeaders(result.headers);
  let body = result.body;
  if (body === undefined || body === null) {
    body = Buffer.alloc(0);
  } else if (Buffer.isBuffer(body) || body instanceof Uint8Array) {
    body = Buffer.from(body);
  } else if (typeof body === 'object') {
    body = Buffer.from(JSON.stringify(body), 'utf8');
    headers['content-type'] = headers['content-type'] || 'application/json';
  } else {
    body = Buffer.from(String(body), 'utf8');
  }
  return { statusCode: result.statusCode, headers, body };
}

/** Whether bytes are text the platform can carry as a string (else they travel base64). */
function isText(body, headers) {
  return /^(text\/|application\/(?:[\w.+-]+\+)?(json|xml|javascript)|application\/x-www-form-urlencoded)/i.test(headers['content-type'] || 'text/plain')
    && Buffer.from(body.toString('utf8'), 'utf8').equals(body);
}

/**
 * The ids of the records the handler failed: `{ failedRecordIds }` naming
 * records of this batch, or none. Anything else is an error, so a typo never
 * acknowledges a failed record.
 */
function failedIds(result, records) {
  if (result === undefined || result === null) return [];
  const ids = result.failedRecordIds;
  if (typeof result !== 'object' || !Array.isArray(ids)) {
    throw new TypeError('a batch handler returns nothing or { failedRecordIds: [...] }');
  }
  const known = new Set(records.map((r) => r.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new TypeError(`failedRecordIds names records that are not in this batch: ${unknown.join(', ')}`);
  }
  return [...new Set(ids)];
}

/** Loads the user's export on first use (CommonJS or an ES module). */
function userHandler(loadModule, exportName) {
  let loaded;
  return async (event) => {
    loaded = loaded || Promise.resolve().then(loadModule);
    const mod = await loaded;
    const fn = mod[exportName] ?? (mod.default && mod.default[exportName]);
    if (typeof fn !== 'function') throw new TypeError(`the handler module exports no function ${exportName}`);
    return fn(event);
  };
}

module.exports = { failedIds, httpResult, isText, lowerHeaders, parseJson, requestBody, userHandler };
