import { Match } from 'aws-cdk-lib/assertions';
import { EventDrivenFunction, FunctionCode, FunctionRuntime, HttpApi, HttpAuth, HttpMethod, Trigger } from '../../../index';
import { awsStack, FIXTURE, template, validationViolations } from '../../helpers/aws';

const base = { runtime: FunctionRuntime.NODEJS_22, code: FunctionCode.fromAsset(FIXTURE), handler: 'index.handler' };

function shop() {
  const { app, stack } = awsStack();
  const api = new HttpApi(stack, 'Shop', { corsAllowedOrigins: ['https://shop.example.com'], throttle: { ratePerSecond: 200, burst: 100 } });
  new EventDrivenFunction(stack, 'CreateOrder', { ...base, triggers: [Trigger.http({ api, path: '/orders', methods: [HttpMethod.POST] })] });
  new EventDrivenFunction(stack, 'GetOrder', { ...base, triggers: [Trigger.http({ api, path: '/orders/{id}', methods: [HttpMethod.GET, HttpMethod.HEAD], auth: HttpAuth.PUBLIC })] });
  return { app, stack, api };
}

describe('HttpApi on AWS', () => {
  test('one HTTP API named after the construct path, a route per method to each function\'s live alias', () => {
    const { app, stack, api } = shop();
    const t = template(stack);
    t.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    t.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      Name: 'orders-aws/Shop', ProtocolType: 'HTTP',
      CorsConfiguration: { AllowOrigins: ['https://shop.example.com'], AllowMethods: ['*'] },
    });
    const routes = Object.values(t.findResources('AWS::ApiGatewayV2::Route')).map((r: any) => [r.Properties.RouteKey, r.Properties.AuthorizationType]);
    expect(routes.sort()).toEqual([['GET /orders/{id}', 'NONE'], ['HEAD /orders/{id}', 'NONE'], ['POST /orders', 'AWS_IAM']]);
    // Each route's integration invokes its own function's live alias.
    const integrations = t.findResources('AWS::ApiGatewayV2::Integration');
    expect(Object.keys(integrations)).toHaveLength(2);
    for (const fn of ['CreateOrder', 'GetOrder']) {
      t.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
        IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0', IntegrationUri: { Ref: Match.stringLikeRegexp(`${fn}LiveAlias`) },
      });
      t.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com', FunctionName: { Ref: Match.stringLikeRegexp(`${fn}LiveAlias`) },
      });
    }
    t.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default', AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 200, ThrottlingBurstLimit: 100 },
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('ShopAccessLogs'), 'Arn'] } },
    });
    // api.url is the API's endpoint and a stack output.
    expect(stack.resolve(api.url)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Shop/), 'ApiEndpoint'] });
    const outputs = t.findOutputs('*');
    expect(Object.values(outputs).map((o: any) => o.Value)).toContainEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Shop/), 'ApiEndpoint'] });
    expect(validationViolations(app)).toEqual([]);
  });

  test('the functions get no API of their own; their httpUrl is the HttpApi\'s', () => {
    const { stack, api } = shop();
    const fn = stack.node.findChild('CreateOrder') as EventDrivenFunction;
    expect(fn.httpUrl).toBe(api.url);
    expect(stack.node.findChild('CreateOrder').node.tryFindChild('HttpApi')).toBeUndefined();
  });

  test('defaults: PRIVATE (AWS_IAM), stage throttle 1000/500, ANY stays one route', () => {
    const { app, stack } = awsStack();
    const api = new HttpApi(stack, 'Api');
    new EventDrivenFunction(stack, 'Fn', { ...base, triggers: [Trigger.http({ api, path: '/{proxy+}' })] });
    const t = template(stack);
    t.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'ANY /{proxy+}', AuthorizationType: 'AWS_IAM' });
    t.hasResourceProperties('AWS::ApiGatewayV2::Stage', { DefaultRouteSettings: { ThrottlingRateLimit: 1000, ThrottlingBurstLimit: 500 } });
    t.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.absent() });
    expect(validationViolations(app)).toEqual([]);
  });

  test('a function with a route on the API and one of its own keeps its own API for the latter', () => {
    const { stack } = awsStack();
    const api = new HttpApi(stack, 'Api');
    new EventDrivenFunction(stack, 'Fn', { ...base, triggers: [Trigger.http({ api, path: '/a' }), Trigger.http({ path: '/b' })] });
    const t = template(stack);
    t.resourceCountIs('AWS::ApiGatewayV2::Api', 2);
    t.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'ANY /b', ApiId: { Ref: Match.stringLikeRegexp('FnHttpApi') } });
    t.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'ANY /a', ApiId: { Ref: Match.stringLikeRegexp('^Api') } });
  });
});
