'use strict';
// Cirrus budget enforcer for Azure: an HTTP function (Node.js v4 programming
// model) that the budget's action group calls through a webhook, with the
// common alert schema. The webhook carries no function key (a key in the
// action group's URL would sit in plain text in Terraform state), so the
// enforcer trusts nothing a request says: on each call it reads the budget
// itself through Azure Resource Manager (GET {budgetId}) as its own managed
// identity, and stops the listed function apps (POST {appId}/stop) only when
// the budget's current spend has reached the stop percentage. A caller who
// learns the URL can make it look, not stop. Its identity holds custom roles
// with only Microsoft.Consumption/budgets/read (on the resource group) and
// Microsoft.Web/sites/stop/action (on those apps).
// Undo by starting the apps again (az functionapp start) or deploying.
//
// Environment: CIRRUS_STOP_APP_IDS    = comma-separated resource ids of the apps,
//              CIRRUS_BUDGET_ID       = the budget's resource id,
//              CIRRUS_STOP_AT_PERCENT = the percentage of the limit that stops them,
//              AZURE_CLIENT_ID        = the client id of this app's identity (set by Cirrus).

const ARM = 'https://management.azure.com';
const WEB_API_VERSION = '2024-04-01';
const CONSUMPTION_API_VERSION = '2023-05-01';

function parseList(value) {
  return (value || '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** True for a budget alert in the common alert schema (monitoringService "CostAlerts"). */
function isBudgetAlert(body) {
  const essentials = body && body.data && body.data.essentials;
  return Boolean(body && body.schemaId === 'azureMonitorCommonAlertSchema' && essentials && essentials.monitoringService === 'CostAlerts');
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Builds the handler around deps.getToken() -> bearer token for ARM, and
 * deps.request(method, url, headers) -> { status, body }.
 */
function createHandler(deps) {
  return async function handler(request) {
    const alert = parseJson(await request.text());
    if (!isBudgetAlert(alert)) {
      return { status: 400, jsonBody: { error: 'not a budget alert in the common alert schema' } };
    }
    const auth = { Authorization: `Bearer ${await deps.getToken()}` };
    const budgetId = deps.env.CIRRUS_BUDGET_ID;
    const read = await deps.request('GET', `${ARM}${budgetId}?api-version=${CONSUMPTION_API_VERSION}`, auth);
    if (read.status !== 200) {
      throw new Error(`reading the budget ${budgetId} failed with HTTP ${read.status}`);
    }
    const props = (read.body && read.body.properties) || {};
    const limit = Number(props.amount);
    const spent = Number(props.currentSpend && props.currentSpend.amount);
    const percent = Number(deps.env.CIRRUS_STOP_AT_PERCENT);
    if (!(Number.isFinite(limit) && Number.isFinite(spent) && Number.isFinite(percent)) || spent < (limit * percent) / 100) {
      deps.log({ level: 'info', message: 'budget below the stop threshold: nothing stopped', budgetId, spent, limit, percent });
      return { status: 202, jsonBody: { stopped: [], spent, limit, percent } };
    }
    const stopped = [];
    for (const appId of parseList(deps.env.CIRRUS_STOP_APP_IDS)) {
      const res = await deps.request('POST', `${ARM}${appId}/stop?api-version=${WEB_API_VERSION}`, auth);
      if (res.status < 200 || res.status >= 300) {
        throw new Error(`stopping ${appId} failed with HTTP ${res.status}`);
      }
      stopped.push(appId);
      deps.log({ level: 'info', message: 'stopped function app', appId, spent, limit, percent });
    }
    return { status: 200, jsonBody: { stopped, spent, limit, percent } };
  };
}

function defaultDeps() {
  const env = process.env;
  return {
    env,
    log: (entry) => console.log(JSON.stringify(entry)),
    getToken: async () => {
      // App Service managed identity endpoint, for this app's user-assigned identity.
      const url = `${env.IDENTITY_ENDPOINT}?resource=${encodeURIComponent(ARM + '/')}&api-version=2019-08-01&client_id=${env.AZURE_CLIENT_ID}`;
      const res = await fetch(url, { headers: { 'X-IDENTITY-HEADER': env.IDENTITY_HEADER } });
      if (!res.ok) throw new Error(`managed identity token request failed with HTTP ${res.status}`);
      return (await res.json()).access_token;
    },
    request: async (method, url, headers) => {
      const res = await fetch(url, { method, headers: method === 'POST' ? { ...headers, 'Content-Length': '0' } : headers });
      return { status: res.status, body: parseJson(await res.text()) };
    },
  };
}

exports.createHandler = createHandler;
exports.handler = (request, context) => createHandler(defaultDeps())(request, context);
