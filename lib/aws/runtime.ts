import * as lambda from 'aws-cdk-lib/aws-lambda';
import { RuntimeFamily } from '../core/runtime';
import type { FunctionSpec } from '../core/function-spec';

/** The aws-cdk-lib Runtime for a validated spec (its runtimeId is the Lambda id). */
export function lambdaRuntime(spec: FunctionSpec): lambda.Runtime {
  const known = [
    lambda.Runtime.NODEJS_20_X, lambda.Runtime.NODEJS_22_X, lambda.Runtime.NODEJS_24_X,
    lambda.Runtime.PYTHON_3_12, lambda.Runtime.PYTHON_3_13, lambda.Runtime.PYTHON_3_14,
  ].find((r) => r.name === spec.runtimeId);
  if (known) {
    return known;
  }
  const family = spec.runtime.family === RuntimeFamily.NODEJS ? lambda.RuntimeFamily.NODEJS : lambda.RuntimeFamily.PYTHON;
  return new lambda.Runtime(spec.runtimeId, family);
}
