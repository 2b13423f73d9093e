// The order-processing system on this machine: `npx cirrus dev examples/order-processing/local.ts`
// (in this repository: `node bin/cirrus.js dev examples/order-processing/local.ts`). The same
// declaration as the cloud stacks (app.ts), in a LocalStack.
import { LocalStack } from '../../index';
import { defineOrderProcessing } from './order-processing';

defineOrderProcessing(new LocalStack(undefined, 'orders-local'));
