'use strict';
// Cirrus budget enforcer for Google Cloud. Pub/Sub pushes every budget
// update (the budget's all-updates topic) to this HTTP function. When actual
// cost reaches the enforcement threshold it stops the listed functions by
// removing every roles/run.invoker binding from their Cloud Run services, so
// no caller - public, Pub/Sub push or Cloud Scheduler - can invoke them.
// Its service account holds a custom role with only run.services.getIamPolicy
// and run.services.setIamPolicy, granted on those services.
// Undo with terraform apply, which restores the invoker bindings.
//
// Environment: CIRRUS_STOP_SERVICES = comma-separated projects/P/locations/L/services/S,
//              CIRRUS_STOP_AT_PERCENT = actual-spend percentage of the budget that triggers the stop.

const RUN = 'https://run.googleapis.com/v2';

function parseList(value) {
  return (value || '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** Decodes the budget notification of a Pub/Sub push request. */
function budgetNotification(body) {
  const data = body && body.message && body.message.data;
  if (!data) return undefined;
  try {
    return JSON.parse(Buffer.from(data, 'base64').toString('utf8'));
  } catch (e) {
    return undefined;
  }
}

/**
 * Builds the handler around deps.getToken() and deps.request(method, url, token, body) -> { status, json }.
 */
function createHandler(deps) {
  return async function handler(req, res) {
    const notification = budgetNotification(req && req.body);
    if (!notification || typeof notification.costAmount !== 'number' || typeof notification.budgetAmount !== 'number') {
      // Acknowledge what is not a budget notification, so it is not redelivered.
      res.status(204).send('');
      return { stopped: [] };
    }
    const percent = (notification.costAmount / notification.budgetAmount) * 100;
    const threshold = Number(deps.env.CIRRUS_STOP_AT_PERCENT || '100');
    if (percent < threshold) {
      res.status(204).send('');
      return { stopped: [] };
    }
    const token = await deps.getToken();
    const stopped = [];
    for (const service of parseList(deps.env.CIRRUS_STOP_SERVICES)) {
      const current = await deps.request('POST', `${RUN}/${service}:getIamPolicy`, token, {});
      if (current.status !== 200) throw new Error(`getIamPolicy on ${service} failed with HTTP ${current.status}`);
      const policy = current.json || {};
      const bindings = (policy.bindings || []).filter((b) => b.role !== 'roles/run.invoker');
      const updated = await deps.request('POST', `${RUN}/${service}:setIamPolicy`, token, { policy: { ...policy, bindings } });
      if (updated.status !== 200) throw new Error(`setIamPolicy on ${service} failed with HTTP ${updated.status}`);
      stopped.push(service);
      deps.log({ severity: 'NOTICE', message: 'stopped function: invoker bindings removed', service, costAmount: notification.costAmount, budgetAmount: notification.budgetAmount });
    }
    res.status(200).send(JSON.stringify({ stopped }));
    return { stopped };
  };
}

function defaultDeps() {
  return {
    env: process.env,
    log: (entry) => console.log(JSON.stringify(entry)),
    getToken: async () => {
      const res = await fetch('http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token', { headers: { 'Metadata-Flavor': 'Google' } });
      if (!res.ok) throw new Error(`metadata token request failed with HTTP ${res.status}`);
      return (await res.json()).access_token;
    },
    request: async (method, url, token, body) => {
      const res = await fetch(url, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, json: await res.json().catch(() => undefined) };
    },
  };
}

exports.createHandler = createHandler;
exports.handler = (req, res) => createHandler(defaultDeps())(req, res);
