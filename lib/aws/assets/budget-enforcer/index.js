'use strict';
// Cirrus budget enforcer for AWS. Subscribed to the SNS topic that AWS Budgets
// notifies when actual spend crosses the enforcement threshold, it stops the
// listed functions: it removes provisioned concurrency from their `live`
// alias (reserved concurrency cannot go below it) and sets their reserved
// concurrency to 0, which throttles every invocation, from any event source.
// Undo by deploying again (or PutFunctionConcurrency / DeleteFunctionConcurrency).
//
// Environment: CIRRUS_STOP_FUNCTIONS = comma-separated function names,
//              CIRRUS_WARM_ALIASES   = comma-separated function names whose live alias has provisioned concurrency.

function parseList(value) {
  return (value || '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** Reads the budget notification out of an SNS event (AWS Budgets sends plain text). */
function budgetMessages(event) {
  return ((event && event.Records) || [])
    .filter((r) => r && r.Sns && typeof r.Sns.Message === 'string')
    .map((r) => ({ subject: r.Sns.Subject || '', message: r.Sns.Message, topicArn: r.Sns.TopicArn }));
}

/**
 * Builds the handler around a Lambda client with two async methods:
 * deleteProvisionedConcurrencyConfig({ FunctionName, Qualifier }) and
 * putFunctionConcurrency({ FunctionName, ReservedConcurrentExecutions }).
 */
function createHandler(deps) {
  return async function handler(event) {
    const messages = budgetMessages(event);
    if (messages.length === 0) {
      deps.log({ level: 'warn', message: 'ignored: not an SNS budget notification' });
      return { stopped: [] };
    }
    const client = deps.lambdaClient();
    const functions = parseList(deps.env.CIRRUS_STOP_FUNCTIONS);
    const warm = new Set(parseList(deps.env.CIRRUS_WARM_ALIASES));
    const stopped = [];
    for (const name of functions) {
      if (warm.has(name)) {
        try {
          await client.deleteProvisionedConcurrencyConfig({ FunctionName: name, Qualifier: 'live' });
        } catch (e) {
          if (!e || e.name !== 'ResourceNotFoundException') throw e;
        }
      }
      await client.putFunctionConcurrency({ FunctionName: name, ReservedConcurrentExecutions: 0 });
      stopped.push(name);
      deps.log({ level: 'info', message: 'stopped function: reserved concurrency set to 0', functionName: name, budget: messages[0].subject });
    }
    return { stopped };
  };
}

function defaultDeps() {
  return {
    env: process.env,
    log: (entry) => console.log(JSON.stringify(entry)),
    lambdaClient: () => {
      // The AWS SDK v3 ships with the Lambda Node.js runtime.
      const { LambdaClient, DeleteProvisionedConcurrencyConfigCommand, PutFunctionConcurrencyCommand } = require('@aws-sdk/client-lambda');
      const client = new LambdaClient({});
      return {
        deleteProvisionedConcurrencyConfig: (input) => client.send(new DeleteProvisionedConcurrencyConfigCommand(input)),
        putFunctionConcurrency: (input) => client.send(new PutFunctionConcurrencyCommand(input)),
      };
    },
  };
}

exports.createHandler = createHandler;
exports.handler = (event) => createHandler(defaultDeps())(event);
