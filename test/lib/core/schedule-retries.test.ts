import { CloudProvider } from '../../../lib/core/cloud-provider';
import { asyncDeliveryDefaults } from '../../../lib/core/function-spec';
import { SCHEDULE_RETRIES } from '../../../lib/core/schedule-retries';

describe('scheduled runs retry alike on every cloud', () => {
  test('AWS applies Lambda\'s asynchronous defaults to schedules: they must be the same retries as Azure and GCP', () => {
    expect(asyncDeliveryDefaults(CloudProvider.AWS)).toEqual({ maxDeliveryAttempts: SCHEDULE_RETRIES + 1, maxEventAgeSeconds: 21600 });
  });

  test('the retry count fits every cloud: Lambda 0-2 async retries, Cloud Scheduler 0-5', () => {
    expect(SCHEDULE_RETRIES).toBeGreaterThanOrEqual(0);
    expect(SCHEDULE_RETRIES).toBeLessThanOrEqual(2);
  });
});
