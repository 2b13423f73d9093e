// The AWS enforcer fed the SNS event AWS Budgets actually sends (a plain-text budget notification).
const { createHandler } = require('../../../../lib/aws/assets/budget-enforcer/index.js');

/** An SNS event as Lambda receives it, with the message AWS Budgets publishes (documented sample). */
const budgetsSnsEvent = {
  Records: [{
    EventSource: 'aws:sns',
    EventVersion: '1.0',
    EventSubscriptionArn: 'arn:aws:sns:us-east-1:123456789012:enforcement:1b2c',
    Sns: {
      Type: 'Notification',
      MessageId: '95df01b4-ee98-5cb9-9903-4c221d41eb5e',
      TopicArn: 'arn:aws:sns:us-east-1:123456789012:enforcement',
      Subject: 'AWS Budgets: orders-aws has exceeded your alert threshold',
      Message: 'AWS Budget Notification November 25, 2026\nAWS Account 123456789012\n\nDear AWS Customer,\n\nYou requested that we alert you when the ACTUAL Cost associated with your orders-aws budget is greater than $500.00 for the current month. The ACTUAL Cost associated with this budget is $512.34. You can find additional details below and by accessing the AWS Budgets dashboard [1].\n\nBudget Name: orders-aws\nBudget Type: Cost\nBudgeted Amount: $500.00\nAlert Type: ACTUAL\nAlert Threshold: > $500.00\nACTUAL Amount: $512.34\n',
      Timestamp: '2026-11-25T10:00:00.000Z',
    },
  }],
};

function fakeLambda(failures: Record<string, string> = {}) {
  const calls: string[] = [];
  return {
    calls,
    client: {
      deleteProvisionedConcurrencyConfig: async (input: any) => {
        calls.push(`DeleteProvisionedConcurrencyConfig ${input.FunctionName}:${input.Qualifier}`);
        if (failures[input.FunctionName]) {
          throw Object.assign(new Error('gone'), { name: failures[input.FunctionName] });
        }
      },
      putFunctionConcurrency: async (input: any) => { calls.push(`PutFunctionConcurrency ${input.FunctionName}=${input.ReservedConcurrentExecutions}`); },
    },
  };
}

describe('AWS budget enforcer', () => {
  test('sets reserved concurrency 0 on every listed function, removing provisioned concurrency from warm ones first', async () => {
    const lambda = fakeLambda();
    const handler = createHandler({ env: { CIRRUS_STOP_FUNCTIONS: 'orders-api,orders-worker', CIRRUS_WARM_ALIASES: 'orders-api' }, log: () => undefined, lambdaClient: () => lambda.client });
    await expect(handler(budgetsSnsEvent)).resolves.toEqual({ stopped: ['orders-api', 'orders-worker'] });
    expect(lambda.calls).toEqual([
      'DeleteProvisionedConcurrencyConfig orders-api:live',
      'PutFunctionConcurrency orders-api=0',
      'PutFunctionConcurrency orders-worker=0',
    ]);
  });

  test('a warm alias without provisioned concurrency left is not an error; other failures are', async () => {
    const gone = fakeLambda({ 'orders-api': 'ResourceNotFoundException' });
    const env = { CIRRUS_STOP_FUNCTIONS: 'orders-api', CIRRUS_WARM_ALIASES: 'orders-api' };
    await expect(createHandler({ env, log: () => undefined, lambdaClient: () => gone.client })(budgetsSnsEvent)).resolves.toEqual({ stopped: ['orders-api'] });
    const denied = fakeLambda({ 'orders-api': 'AccessDeniedException' });
    await expect(createHandler({ env, log: () => undefined, lambdaClient: () => denied.client })(budgetsSnsEvent)).rejects.toThrow('gone');
  });

  test('ignores events that are not SNS notifications', async () => {
    const lambda = fakeLambda();
    const handler = createHandler({ env: { CIRRUS_STOP_FUNCTIONS: 'orders-api' }, log: () => undefined, lambdaClient: () => lambda.client });
    await expect(handler({ source: 'aws.events' })).resolves.toEqual({ stopped: [] });
    expect(lambda.calls).toEqual([]);
  });
});
