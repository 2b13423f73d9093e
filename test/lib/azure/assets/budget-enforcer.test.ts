// The Azure enforcer fed the action group webhook payload of a budget alert (common alert schema, documented sample).
const { createHandler } = require('../../../../lib/azure/assets/budget-enforcer/index.js');

const budgetAlert = {
  schemaId: 'azureMonitorCommonAlertSchema',
  data: {
    essentials: {
      monitoringService: 'CostAlerts',
      firedDateTime: '2026-11-25T10:00:00.000Z',
      description: 'Your spend for budget orders-azure-budget is now $512.34 exceeding your specified threshold $500.00.',
      essentialsVersion: '1.0',
      alertContextVersion: '1.0',
      alertId: '/subscriptions/11111111-1111-1111-1111-111111111111/providers/Microsoft.AlertsManagement/alerts/1',
      alertRule: 'orders-azure-budget',
      severity: 'Sev4',
      signalType: 'Log',
      monitorCondition: 'Fired',
      alertTargetIDs: ['/subscriptions/11111111-1111-1111-1111-111111111111/resourcegroups/rg-orders-azure'],
      configurationItems: ['rg-orders-azure'],
      originAlertId: '11111111-1111-1111-1111-111111111111_orders-azure-budget',
    },
    alertContext: {
      AlertCategory: 'budgets',
      AlertData: {
        Scope: '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-orders-azure',
        ThresholdType: 'Actual',
        BudgetType: 'Cost',
        BudgetThreshold: '$500.00',
        NotificationThresholdAmount: '$500.00',
        FiredDate: '2026-11-25T10:00:00Z',
        SpentAmount: '$512.34',
        BudgetName: 'orders-azure-budget',
        BudgetStartDate: '2026-11-01',
        Unit: 'USD',
      },
    },
  },
};

const apps = [
  '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-orders-azure/providers/Microsoft.Web/sites/func-orders-api',
  '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-orders-azure/providers/Microsoft.Web/sites/func-orders-worker',
];

const budgetId = '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-orders-azure/providers/Microsoft.Consumption/budgets/orders-azure-budget';

/** The budget as Azure Resource Manager returns it (Microsoft.Consumption budgets, 2023-05-01), with its current spend. */
const budgetResource = (spent: number) => ({
  id: budgetId, name: 'orders-azure-budget', type: 'Microsoft.Consumption/budgets',
  properties: { category: 'Cost', amount: 500, timeGrain: 'Monthly', currentSpend: { amount: spent, unit: 'USD' } },
});

/** A v4 HttpRequest as far as the enforcer reads it. */
const post = (body: unknown) => ({ method: 'POST', text: async () => (typeof body === 'string' ? body : JSON.stringify(body)) });

function enforcer(spent: number, stopStatus = 200) {
  const calls: string[] = [];
  const handler = createHandler({
    env: { CIRRUS_STOP_APP_IDS: apps.join(','), CIRRUS_BUDGET_ID: budgetId, CIRRUS_STOP_AT_PERCENT: '100' },
    log: () => undefined,
    getToken: async () => 'token-123',
    request: async (method: string, url: string, headers: Record<string, string>) => {
      calls.push(`${method} ${url} ${headers.Authorization}`);
      return method === 'GET' ? { status: 200, body: budgetResource(spent) } : { status: stopStatus, body: undefined };
    },
  });
  return { handler, calls };
}

describe('Azure budget enforcer', () => {
  test('reads the budget itself, then stops every listed function app through Azure Resource Manager with its identity token', async () => {
    const { handler, calls } = enforcer(512.34);
    await expect(handler(post(budgetAlert), {})).resolves.toEqual({ status: 200, jsonBody: { stopped: apps, spent: 512.34, limit: 500, percent: 100 } });
    expect(calls).toEqual([
      `GET https://management.azure.com${budgetId}?api-version=2023-05-01 Bearer token-123`,
      ...apps.map((id) => `POST https://management.azure.com${id}/stop?api-version=2024-04-01 Bearer token-123`),
    ]);
  });

  test('stops nothing when the budget\'s own spend is below the stop threshold, whatever the request says (the webhook has no key)', async () => {
    const { handler, calls } = enforcer(120);
    await expect(handler(post(budgetAlert), {})).resolves.toEqual({ status: 202, jsonBody: { stopped: [], spent: 120, limit: 500, percent: 100 } });
    expect(calls.filter((c) => c.startsWith('POST'))).toEqual([]);
  });

  test('fails loudly when Azure refuses to stop an app', async () => {
    const { handler } = enforcer(600, 403);
    await expect(handler(post(budgetAlert), {})).rejects.toThrow(/stopping .*func-orders-api failed with HTTP 403/);
  });

  test('rejects a payload that is not a budget alert, stopping nothing and reading nothing', async () => {
    const { handler, calls } = enforcer(600);
    const metricAlert = { ...budgetAlert, data: { ...budgetAlert.data, essentials: { ...budgetAlert.data.essentials, monitoringService: 'Platform' } } };
    await expect(handler(post(metricAlert), {})).resolves.toEqual({ status: 400, jsonBody: { error: 'not a budget alert in the common alert schema' } });
    await expect(handler(post('not json'), {})).resolves.toMatchObject({ status: 400 });
    expect(calls).toEqual([]);
  });
});
