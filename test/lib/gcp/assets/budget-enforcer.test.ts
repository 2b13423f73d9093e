// The GCP enforcer fed the Pub/Sub push request of a budget notification (schema 1.0, documented sample).
const { createHandler } = require('../../../../lib/gcp/assets/budget-enforcer/index.js');

function pushRequest(costAmount: number, budgetAmount = 500) {
  const notification = {
    budgetDisplayName: 'Cirrus orders-gcp/Budget',
    alertThresholdExceeded: 1.0,
    costAmount,
    costIntervalStart: '2026-11-01T08:00:00Z',
    budgetAmount,
    budgetAmountType: 'SPECIFIED_AMOUNT',
    currencyCode: 'USD',
  };
  return {
    body: {
      message: {
        attributes: { billingAccountId: '01ABCD-23EF45-6789AB', budgetId: 'de72f49d-779b-4945-a127-4d6ce8def0bb', schemaVersion: '1.0' },
        data: Buffer.from(JSON.stringify(notification)).toString('base64'),
        messageId: '136969346945',
        publishTime: '2026-11-25T10:00:00.000Z',
      },
      subscription: 'projects/acme-prod/subscriptions/budget-sub',
    },
  };
}

function response() {
  const res: any = { statusCode: 0, body: '' };
  res.status = (code: number) => { res.statusCode = code; return res; };
  res.send = (body: string) => { res.body = body; return res; };
  return res;
}

const service = 'projects/acme-prod/locations/europe-west1/services/fn-orders-api';
const policy = {
  etag: 'BwY',
  bindings: [
    { role: 'roles/run.invoker', members: ['allUsers', 'serviceAccount:invoker@acme-prod.iam.gserviceaccount.com'] },
    { role: 'roles/run.developer', members: ['group:dev@example.com'] },
  ],
};

describe('GCP budget enforcer', () => {
  test('at or over the threshold, removes every run.invoker binding and keeps the rest of the policy', async () => {
    const calls: Array<[string, string, unknown]> = [];
    const handler = createHandler({
      env: { CIRRUS_STOP_SERVICES: service, CIRRUS_STOP_AT_PERCENT: '90' },
      log: () => undefined,
      getToken: async () => 'token',
      request: async (method: string, url: string, _token: string, body: unknown) => {
        calls.push([method, url, body]);
        return url.endsWith(':getIamPolicy') ? { status: 200, json: policy } : { status: 200, json: {} };
      },
    });
    const res = response();
    await expect(handler(pushRequest(460), res)).resolves.toEqual({ stopped: [service] });
    expect(calls).toEqual([
      ['POST', `https://run.googleapis.com/v2/${service}:getIamPolicy`, {}],
      ['POST', `https://run.googleapis.com/v2/${service}:setIamPolicy`, { policy: { etag: 'BwY', bindings: [policy.bindings[1]] } }],
    ]);
    expect(res.statusCode).toBe(200);
  });

  test('below the threshold, does nothing and acknowledges', async () => {
    const request = jest.fn();
    const handler = createHandler({ env: { CIRRUS_STOP_SERVICES: service, CIRRUS_STOP_AT_PERCENT: '100' }, log: () => undefined, getToken: async () => 't', request });
    const res = response();
    await expect(handler(pushRequest(499.99), res)).resolves.toEqual({ stopped: [] });
    expect(request).not.toHaveBeenCalled();
    expect(res.statusCode).toBe(204);
  });

  test('a failed IAM call fails the request, so Pub/Sub retries it', async () => {
    const handler = createHandler({ env: { CIRRUS_STOP_SERVICES: service }, log: () => undefined, getToken: async () => 't', request: async () => ({ status: 403 }) });
    await expect(handler(pushRequest(600), response())).rejects.toThrow(/getIamPolicy on .* failed with HTTP 403/);
  });
});
