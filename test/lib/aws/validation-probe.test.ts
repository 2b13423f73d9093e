import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { EventDrivenFunction, FunctionCode, FunctionRuntime } from '../../../index';
import { awsStack, validationViolations } from '../../helpers/aws';

describe('CloudFormation validation at synth', () => {
  test('is active: a deprecated runtime is reported by aws-cdk-lib and warned about by Cirrus', () => {
    const { app, stack } = awsStack();
    new EventDrivenFunction(stack, 'Fn', { runtime: FunctionRuntime.NODEJS_20, code: FunctionCode.fromInline('exports.handler = 1'), handler: 'index.handler' });
    Annotations.fromStack(stack).hasWarning('/orders-aws/Fn', Match.stringLikeRegexp('runtime nodejs20 is deprecated by AWS Lambda'));
    expect(validationViolations(app).join('\n')).toMatch(/W2531: Runtime: Runtime 'nodejs20.x' was deprecated/);
  });
});
