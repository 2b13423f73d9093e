import { Template } from 'aws-cdk-lib/assertions';
import { IConstruct } from 'constructs';
import { EventBus, EventDrivenFunction, EventQueue, EventTopic, FunctionCode, FunctionRuntime, Trigger } from '../../index';
import { sharedTriggerId } from '../../lib/core/function-spec';
import { pathHash } from '../../lib/core/naming';
import { awsStack } from '../helpers/aws';
import { azureStack, gcpStack, resources, synthJson } from '../helpers/terraform';

const code = FunctionCode.fromInline('exports.handler = async () => ({})');
const base = { runtime: FunctionRuntime.NODEJS_22, code, handler: 'index.handler' };

type Cloud = 'aws' | 'azure' | 'gcp';

/** Builds one system in a fresh stack: a consumer of shared and own sources, and producers granted in the given order. */
function build(cloud: Cloud, reversed: boolean): { stack: IConstruct; addresses: () => string[] } {
  const stack = cloud === 'aws' ? awsStack().stack : cloud === 'azure' ? azureStack().stack : gcpStack().stack;
  const orders = new EventQueue(stack, 'Orders');
  const shipped = new EventTopic(stack, 'Shipped');
  const billed = new EventTopic(stack, 'Billed');
  const bus = new EventBus(stack, 'Telemetry');
  const order = <T>(items: T[]) => (reversed ? [...items].reverse() : items);
  new EventDrivenFunction(stack, 'Consumer', {
    ...base,
    triggers: order([
      Trigger.topic({ topic: shipped }), Trigger.queue({ queue: orders }), Trigger.topic({ topic: billed }),
      Trigger.eventBus({ bus, pattern: { detailType: ['Reading'] } }), Trigger.topic(),
    ]),
  });
  const producers = ['Checkout', 'Refunds'].map((id) => new EventDrivenFunction(stack, id, base));
  const grants = order([
    () => orders.grantSend(producers[0]), () => shipped.grantPublish(producers[0]), () => orders.grantSend(producers[1]),
    () => billed.grantPublish(producers[1]), () => bus.grantPublish(producers[1]),
  ]);
  grants.forEach((grant) => grant());
  return {
    stack,
    addresses: () => {
      if (cloud === 'aws') {
        return Object.keys(Template.fromStack(stack as never).toJSON().Resources).sort();
      }
      const tf = synthJson(stack as never);
      return Object.entries<Record<string, unknown>>(tf.resource).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`)).sort();
    },
  };
}

describe.each<Cloud>(['aws', 'azure', 'gcp'])('stable addresses on %s', (cloud) => {
  test('reordering triggers and grants changes no logical id or Terraform address', () => {
    const before = build(cloud, false).addresses();
    const after = build(cloud, true).addresses();
    expect(after).toEqual(before);
    expect(before.length).toBeGreaterThan(20);
  });

  test('a shared-source trigger is named by its source, an own-source trigger by its kind', () => {
    const { stack } = build(cloud, false);
    const consumer = stack.node.findChild('Consumer') as EventDrivenFunction;
    const ids = consumer._spec.triggers.map((t) => t.id).sort();
    expect(ids).toEqual([
      sharedTriggerId('EventBus', `${stack.node.path}/Telemetry`),
      sharedTriggerId('Queue', `${stack.node.path}/Orders`),
      'Topic',
      sharedTriggerId('Topic', `${stack.node.path}/Billed`),
      sharedTriggerId('Topic', `${stack.node.path}/Shipped`),
    ].sort());
  });
});

describe('stable grant addresses on Terraform', () => {
  test('a grant is named by its grantee, and granting twice is one grant (Azure role assignment, GCP IAM member)', () => {
    const azure = azureStack().stack;
    const queue = new EventQueue(azure, 'Orders');
    const fn = new EventDrivenFunction(azure, 'Checkout', base);
    queue.grantSend(fn);
    queue.grantSend(fn);
    const senders = Object.keys(resources(synthJson(azure), 'azurerm_role_assignment')).filter((k) => k.startsWith('Orders_Sender'));
    expect(senders).toEqual([expect.stringMatching(new RegExp(`^Orders_Sender${pathHash('orders-azure/Checkout')}_`))]);

    const gcp = gcpStack().stack;
    const topic = new EventTopic(gcp, 'Shipped');
    const publisher = new EventDrivenFunction(gcp, 'Checkout', base);
    topic.grantPublish(publisher);
    topic.grantPublish(publisher);
    expect(Object.keys(resources(synthJson(gcp), 'google_pubsub_topic_iam_member')))
      .toEqual([expect.stringMatching(new RegExp(`^Shipped_Publisher${pathHash('orders-gcp/Checkout')}_`))]);
  });
});
