import { Validations } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { EventBucket, EventDrivenFunction, FunctionCode, FunctionRuntime, StorageEvent, Trigger } from '../../../index';
import { SERVER_ACCESS_LOG_RETENTION_DAYS } from '../../../lib/aws/server-access-logs';
import { awsStack, FIXTURE, template, validationViolations } from '../../helpers/aws';

const fnProps = { runtime: FunctionRuntime.NODEJS_22, code: FunctionCode.fromAsset(FIXTURE), handler: 'index.handler' };

describe('S3 server access logs on AWS', () => {
  const { app, stack } = awsStack();
  new EventBucket(stack, 'Invoices');
  new EventDrivenFunction(stack, 'Fn', { ...fnProps, triggers: [Trigger.storage({ events: [StorageEvent.OBJECT_CREATED] })] });
  const t = template(stack);
  const logBucketRef = { Ref: Match.stringLikeRegexp('^CirrusServerAccessLogs') };

  test('one log bucket per stack: private, SSE-S3, owner-enforced, logs kept a year, retained', () => {
    const logBuckets = t.findResources('AWS::S3::Bucket', { Properties: { LifecycleConfiguration: Match.anyValue(), LoggingConfiguration: Match.absent() } });
    expect(Object.keys(logBuckets)).toEqual([expect.stringMatching(/^CirrusServerAccessLogs/)]);
    const [logBucket] = Object.values(logBuckets) as any[];
    expect(logBucket.DeletionPolicy).toBe('Retain');
    expect(logBucket.Properties).toMatchObject({
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LifecycleConfiguration: { Rules: [{ ExpirationInDays: SERVER_ACCESS_LOG_RETENTION_DAYS, Status: 'Enabled' }] },
    });
    expect(logBucket.Properties.AccessControl).toBeUndefined();
  });

  test('every data bucket logs to it under a prefix of its own', () => {
    const logged = Object.values(t.findResources('AWS::S3::Bucket', { Properties: { LoggingConfiguration: Match.anyValue() } })) as any[];
    expect(logged).toHaveLength(2);
    for (const b of logged) {
      expect(b.Properties.LoggingConfiguration.DestinationBucketName).toEqual({ Ref: expect.stringMatching(/^CirrusServerAccessLogs/) });
    }
    const prefixes = logged.map((b) => b.Properties.LoggingConfiguration.LogFilePrefix);
    expect(new Set(prefixes).size).toBe(2);
    prefixes.forEach((p) => expect(p).toMatch(/^[A-Za-z0-9]+\/$/));
  });

  test('S3 log delivery may write only each bucket\'s own prefix, for that bucket and account', () => {
    const policy = Object.values(t.findResources('AWS::S3::BucketPolicy', { Properties: { Bucket: logBucketRef } })) as any[];
    expect(policy).toHaveLength(1);
    const delivery = policy[0].Properties.PolicyDocument.Statement.filter((s: any) => s.Principal?.Service === 'logging.s3.amazonaws.com');
    expect(delivery).toHaveLength(2);
    for (const s of delivery) {
      expect(s.Effect).toBe('Allow');
      expect(s.Action).toBe('s3:PutObject');
      expect(JSON.stringify(s.Resource)).toMatch(/"\/[A-Za-z0-9]+\/\*"/);
      expect(s.Condition.StringEquals['aws:SourceAccount']).toBe(stack.account);
      expect(s.Condition.ArnLike['aws:SourceArn']).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Arn'] });
    }
  });

  test('only the log bucket acknowledges AwsSolutions-S1; the template passes validation', () => {
    const acknowledgingS1 = stack.node.findAll()
      .filter((c) => c.node.metadata.some((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY && 'Annotation::AwsSolutions-S1' in (m.data ?? {})))
      .map((c) => c.node.path);
    expect(acknowledgingS1).toEqual(['orders-aws/CirrusServerAccessLogs']);
    expect(validationViolations(app)).toEqual([]);
  });
});
