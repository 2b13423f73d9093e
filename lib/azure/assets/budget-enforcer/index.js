'use strict';
// Cirrus budget enforcer for Azure. An HTTP function (function key) that the
// budget's action group calls through its webhook, with the common alert
// schema. It stops the listed function apps through Azure Resource Manager
// (POST {appId}/stop), authenticated as its own managed identity, which holds
// a custom role with only Microsoft.Web/sites/stop/action on those apps.
// Undo by starting the apps again (az functionapp start) or deploying.
//
// Environment: CIRRUS_STOP_APP_IDS  = comma-separated resource ids of the apps,
//              AzureWebJobsStorage__clientId = the client id of this app's identity (set by Cirrus).

const ARM = 'https://management.azure.com';
const API_VERSION = '2024-04-01';

function parseList(value) {
  return (value || '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** True for a budget alert in the common alert schema (monitoringService "CostAlerts"). */
function isBudgetAlert(body) {
  const essentials = body && body.data && body.data.essentials;
  return Boolean(body && body.schemaId === 'azureMonitorCommonAlertSchema' && essentials && essentials.monitoringService === 'CostAlerts');
}

/**
 * Builds the handler around deps.getToken() -> bearer token for ARM, and
 * deps.post(url, headers) -> { status }.
 */
function createHandler(deps) {
  return async function handler(context, req) {
    const body = req && req.body;
    if (!isBudgetAlert(body)) {
      context.res = { status: 400, body: 'not a budget alert in the common alert schema' };
      return { stopped: [] };
    }
    const token = await deps.getToken();
    const stopped = [];
    for (const appId of parseList(deps.env.CIRRUS_STOP_APP_IDS)) {
      const res = await deps.post(`${ARM}${appId}/stop?api-version=${API_VERSION}`, { Authorization: `Bearer ${token}` });
      if (res.status < 200 || res.status >= 300) {
        throw new Error(`stopping ${appId} failed with HTTP ${res.status}`);
      }
      stopped.push(appId);
      deps.log({ level: 'info', message: 'stopped function app', appId, alertRule: body.data.essentials.alertRule });
    }
    context.res = { status: 200, body: JSON.stringify({ stopped }) };
    return { stopped };
  };
}

function defaultDeps() {
  const env = process.env;
  return {
    env,
    log: (entry) => console.log(JSON.stringify(entry)),
    getToken: async () => {
      // App Service managed identity endpoint, for this app's user-assigned identity.
      const url = `${env.IDENTITY_ENDPOINT}?resource=${encodeURIComponent(ARM + '/')}&api-version=2019-08-01&client_id=${env.AzureWebJobsStorage__clientId}`;
      const res = await fetch(url, { headers: { 'X-IDENTITY-HEADER': env.IDENTITY_HEADER } });
      if (!res.ok) throw new Error(`managed identity token request failed with HTTP ${res.status}`);
      return (await res.json()).access_token;
    },
    post: async (url, headers) => {
      const res = await fetch(url, { method: 'POST', headers: { ...headers, 'Content-Length': '0' } });
      return { status: res.status };
    },
  };
}

exports.createHandler = createHandler;
exports.handler = (context, req) => createHandler(defaultDeps())(context, req);
