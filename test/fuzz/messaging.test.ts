import { CLOUDS } from './arbitraries/common';
import { buildMessaging, messagingRecipe } from './arbitraries/messaging';
import { describeStats, expectBothOutcomes, rejectionReport, runFuzz } from './harness';

const BATCH = { aws: 20, azure: 25, gcp: 25 };

describe('fuzz: EventQueue, EventTopic, EventBus, EventBucket with producers and consumers', () => {
  for (const cloud of CLOUDS) {
    test(`on ${cloud}: every case throws the Cirrus validation error or synthesizes valid output`, () => {
      const stats = runFuzz({ cloud, arbitrary: messagingRecipe, batchSize: BATCH[cloud], build: buildMessaging });
      console.log(describeStats('messaging', cloud, stats) + (process.env.FUZZ_DEBUG ? `\n${rejectionReport()}` : ''));
      expectBothOutcomes(stats);
    });
  }
});
