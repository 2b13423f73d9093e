import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdktf';
import { EventDrivenFunction, EventQueue, EventTopic, FunctionCode, FunctionRuntime, HandlerApi } from '../../index';
import { producerCalls } from '../../lib/core/producer-names';
import { awsStack } from '../helpers/aws';
import { azureStack } from '../helpers/terraform';

function handlerFolder(source: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-producers-'));
  fs.writeFileSync(path.join(dir, 'index.js'), source);
  return dir;
}

const source = [
  "const { queue, topic } = require('cirrus-runtime');",
  'exports.handler = async () => {',
  "  await queue('Ordres').send({});",
  "  await topic('OrderEvents').publish({});",
  '};',
].join('\n');

describe('producer names in portable handler code', () => {
  test('finds the producer calls with literal names, with file and line', () => {
    expect(producerCalls(handlerFolder(source))).toEqual([
      { kind: 'queue', name: 'Ordres', where: 'index.js:3' },
      { kind: 'topic', name: 'OrderEvents', where: 'index.js:4' },
    ]);
    expect(producerCalls(handlerFolder("exports.handler = () => queue('x');"))).toEqual([]); // no cirrus-runtime: not a producer
  });

  test('fails at synthesis when a call names no shared construct of that kind in the stack, listing those there are', () => {
    const { app, stack } = awsStack();
    new EventQueue(stack, 'Orders');
    new EventTopic(stack, 'OrderEvents');
    new EventDrivenFunction(stack, 'Api', { runtime: FunctionRuntime.NODEJS_22, code: FunctionCode.fromAsset(handlerFolder(source)), handler: 'index.handler', handlerApi: HandlerApi.PORTABLE });
    expect(() => app.synth()).toThrow(/handler code calls queue\('Ordres'\) \(index\.js:3\), but the stack has no EventQueue with id 'Ordres'; its EventQueues: Orders/);
  });

  test('passes when every name is a shared construct of the stack (on a Terraform cloud too)', () => {
    const { stack } = azureStack();
    new EventQueue(stack, 'Ordres');
    new EventTopic(stack, 'OrderEvents');
    new EventDrivenFunction(stack, 'Api', { runtime: FunctionRuntime.NODEJS_22, code: FunctionCode.fromAsset(handlerFolder(source)), handler: 'index.handler', handlerApi: HandlerApi.PORTABLE });
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});
