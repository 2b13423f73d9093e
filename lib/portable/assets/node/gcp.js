'use strict';
// Cirrus portable handlers on Google Cloud Functions (2nd gen, Node.js
// Functions Framework). One HTTP function answers its HTTP routes and, on
// paths under /_cirrus/ that no declared route can use, the Pub/Sub push
// subscriptions (/_cirrus/push/<trigger>) and Cloud Scheduler jobs
// (/_cirrus/schedule/<trigger>) Cirrus wires to it. A 2xx answer acknowledges a
// push; anything else makes Pub/Sub redeliver, then dead-letter. Calls on
// /_cirrus/ carry the OIDC token of Cirrus's invoker account, checked here too,
// so a public route cannot be used to inject messages.
const crypto = require('crypto');
const { failedIds, httpResult, lowerHeaders, parseJson, requestBody, userHandler } = require('./event');

const GOOGLE_CERTS = 'https://www.googleapis.com/oauth2/v3/certs';
const GOOGLE_ISSUERS = ['https://accounts.google.com', 'accounts.google.com'];

/** `/orders/{id}` and `/{proxy+}` as a regular expression over a request path. */
function routePattern(path) {
  const body = path.split('/').filter(Boolean).map((segment) => {
    if (/^\{[A-Za-z_][A-Za-z0-9_]*\+\}$/.test(segment)) return '(?:/.*)?';
    if (/^\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(segment)) return '/[^/]+';
    return `/${segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
  }).join('');
  return new RegExp(`^${body}/?$`);
}

function fromBase64(data) {
  return data === undefined ? '' : Buffer.from(data, 'base64').toString('utf8');
}

/** A Pub/Sub push request (an envelope { message, subscription }) as the portable event of its trigger. */
function pushEvent(kind, body) {
  const message = (body && body.message) || {};
  const attributes = { ...(message.attributes || {}) };
  const id = message.messageId || message.message_id;
  if (kind === 'storage') {
    const object = parseJson(fromBase64(message.data)) || {};
    return {
      cloud: 'gcp', trigger: 'storage',
      records: [{
        id,
        data: { bucket: attributes.bucketId, name: attributes.objectId, size: object.size === undefined ? undefined : Number(object.size), eventType: attributes.eventType === 'OBJECT_DELETE' ? 'deleted' : 'created' },
        attributes,
      }],
    };
  }
  return { cloud: 'gcp', trigger: kind, records: [{ id, data: parseJson(fromBase64(message.data)), attributes }] };
}

function scheduleEvent(req, triggerId) {
  const headers = lowerHeaders(req.headers);
  return {
    cloud: 'gcp', trigger: 'schedule',
    records: [{ id: headers['x-cloudscheduler-jobname'] ? `${headers['x-cloudscheduler-jobname']}@${headers['x-cloudscheduler-scheduletime'] || ''}` : triggerId, data: { scheduledTime: headers['x-cloudscheduler-scheduletime'] }, attributes: { schedule: triggerId } }],
  };
}

function httpEvent(req) {
  const headers = lowerHeaders(req.headers);
  const raw = req.rawBody !== undefined ? req.rawBody : typeof req.body === 'string' ? req.body : req.body === undefined ? undefined : JSON.stringify(req.body);
  const { body, rawBody } = requestBody(headers, raw);
  const query = Object.fromEntries(Object.entries(req.query || {}).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)]));
  return { cloud: 'gcp', trigger: 'http', http: { method: req.method, path: req.path, headers, query, body, rawBody } };
}

let certs;
async function googleKeys(fetchCerts) {
  if (!certs || certs.expires < Date.now()) {
    const jwks = await fetchCerts(GOOGLE_CERTS);
    certs = { keys: new Map(jwks.keys.map((k) => [k.kid, crypto.createPublicKey({ key: k, format: 'jwk' })])), expires: Date.now() + 3600_000 };
  }
  return certs.keys;
}

/** Checks a Google-signed OIDC token (RS256): signature, issuer, expiry, and that it names `email`. */
async function verifyInvoker(authorization, email, fetchCerts, now = Date.now()) {
  const token = /^Bearer (.+)$/.exec(authorization || '');
  if (!token) return false;
  const [header, payload, signature] = token[1].split('.');
  if (!signature) return false;
  const head = parseJson(Buffer.from(header, 'base64url').toString('utf8'));
  const claims = parseJson(Buffer.from(payload, 'base64url').toString('utf8'));
  if (!head || head.alg !== 'RS256' || !claims || typeof claims !== 'object') return false;
  const key = (await googleKeys(fetchCerts)).get(head.kid);
  if (!key) return false;
  const valid = crypto.verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url'));
  return valid && GOOGLE_ISSUERS.includes(claims.iss) && claims.exp * 1000 > now && claims.email === email && claims.email_verified !== false;
}

/**
 * The Functions Framework entry point. `config`: { routes: [{ path, methods }],
 * push: { <triggerId>: kind }, schedules: [<triggerId>], invokerEmail }.
 */
function createEntry(loadModule, exportName, config, deps = {}) {
  const user = userHandler(loadModule, exportName);
  const fetchCerts = deps.fetchCerts || (async (url) => (await fetch(url)).json());
  const routes = (config.routes || []).map((r) => ({ pattern: routePattern(r.path), methods: r.methods }));
  return async (req, res) => {
    try {
      const internal = /^\/_cirrus\/(push|schedule)\/([A-Za-z0-9]+)$/.exec(req.path || '');
      if (internal) {
        const [, what, triggerId] = internal;
        const kind = what === 'push' ? (config.push || {})[triggerId] : (config.schedules || []).includes(triggerId) ? 'schedule' : undefined;
        if (!kind) return res.status(404).send('no such Cirrus trigger');
        if (!(await verifyInvoker(lowerHeaders(req.headers).authorization, config.invokerEmail, fetchCerts))) return res.status(403).send('not Cirrus\'s invoker');
        const event = kind === 'schedule' ? scheduleEvent(req, triggerId) : pushEvent(kind, req.body);
        const failed = failedIds(await user(event), event.records);
        // 204 acknowledges the push (or reports the scheduled run done); 500 makes Pub/Sub or Scheduler retry.
        return failed.length > 0 ? res.status(500).send(`records failed: ${failed.join(', ')}`) : res.status(204).send('');
      }
      const matching = routes.filter((r) => r.pattern.test(req.path));
      if (matching.length === 0) return res.status(404).json({ message: 'Not Found' });
      if (!matching.some((r) => r.methods.includes('ANY') || r.methods.includes(req.method))) {
        return res.status(405).set({ allow: [...new Set(matching.flatMap((r) => r.methods))].join(', ') }).json({ message: 'Method Not Allowed' });
      }
      const event = httpEvent(req);
      const { statusCode, headers, body } = httpResult(await user(event));
      return res.status(statusCode).set(headers).send(body);
    } catch (e) {
      console.error(e);
      return res.status(500).send('handler failed');
    }
  };
}

module.exports = { createEntry, routePattern, verifyInvoker };
