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

describe('Azure budget enforcer', () => {
  test('stops every listed function app through Azure Resource Manager with its identity token', async () => {
    const posts: string[] = [];
    const handler = createHandler({
      env: { CIRRUS_STOP_APP_IDS: apps.join(',') },
      log: () => undefined,
      getToken: async () => 'token-123',
      post: async (url: string, headers: Record<string, string>) => { posts.push(`${url} ${headers.Authorization}`); return { status: 200 }; },
    });
    const context: any = {};
    await expect(handler(context, { body: budgetAlert })).resolves.toEqual({ stopped: apps });
    expect(posts).toEqual(apps.map((id) => `https://management.azure.com${id}/stop?api-version=2024-04-01 Bearer token-123`));
    expect(context.res.status).toBe(200);
  });

  test('fails loudly when Azure refuses to stop an app', async () => {
    const handler = createHandler({ env: { CIRRUS_STOP_APP_IDS: apps[0] }, log: () => undefined, getToken: async () => 't', post: async () => ({ status: 403 }) });
    await expect(handler({}, { body: budgetAlert })).rejects.toThrow(/stopping .*func-orders-api failed with HTTP 403/);
  });

  test('rejects a payload that is not a budget alert, stopping nothing', async () => {
    const post = jest.fn();
    const handler = createHandler({ env: { CIRRUS_STOP_APP_IDS: apps[0] }, log: () => undefined, getToken: async () => 't', post });
    const context: any = {};
    const metricAlert = { ...budgetAlert, data: { ...budgetAlert.data, essentials: { ...budgetAlert.data.essentials, monitoringService: 'Platform' } } };
    await expect(handler(context, { body: metricAlert })).resolves.toEqual({ stopped: [] });
    expect(context.res.status).toBe(400);
    expect(post).not.toHaveBeenCalled();
  });
});
