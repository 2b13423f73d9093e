import { CLOUD_LABEL, CloudProvider } from '../cloud-provider';
import { ProblemCollector } from '../errors';
import { checkNumber, given, isNumberToken } from '../validation';

// Delivery of asynchronous sources (topics, buses, storage events): attempts and event age per cloud.

export type DeliveryTable = Record<CloudProvider, { attempts: { min: number; max: number; default: number }; age: { min: number; max: number; default: number } }>;

/**
 * Applies the defaults of an asynchronous source (topic, bus, storage) and
 * checks its attempts and event age against the cloud's ranges; Event Grid
 * (Azure bus and storage) takes its time to live in whole minutes.
 */
export function asyncDelivery(
  problems: ProblemCollector, cloud: CloudProvider, prop: string, table: DeliveryTable, wholeMinutesOnAzure: boolean,
  options: { maxDeliveryAttempts?: number; maxEventAgeSeconds?: number },
): { attempts: number; age: number } {
  const delivery = table[cloud];
  const label = CLOUD_LABEL[cloud];
  const attempts = given(options.maxDeliveryAttempts, delivery.attempts.default);
  const age = given(options.maxEventAgeSeconds, delivery.age.default);
  checkNumber(problems, `${prop}.maxDeliveryAttempts`, attempts, delivery.attempts, cloud === CloudProvider.AWS ? 'AWS (asynchronous invocation: the first attempt and up to 2 retries)' : label);
  checkNumber(problems, `${prop}.maxEventAgeSeconds`, age, delivery.age, label);
  if (cloud !== CloudProvider.AWS && isNumberToken(age)) {
    const unit = cloud === CloudProvider.GCP ? 'the subscription\'s message retention' : wholeMinutesOnAzure ? 'Event Grid\'s time to live in minutes' : 'the subscription\'s time to live';
    problems.add(`${prop}.maxEventAgeSeconds cannot be an unresolved token on ${label}: it is converted to ${unit} at synth time`);
  } else if (wholeMinutesOnAzure && cloud === CloudProvider.AZURE && age % 60 !== 0) {
    problems.invalid(`${prop}.maxEventAgeSeconds`, 'must be whole minutes on Azure (Event Grid time to live is in minutes)', age);
  }
  return { attempts, age };
}


/** Per cloud: delivery attempts and event age of event-bus deliveries. */
export const BUS_DELIVERY: DeliveryTable = {
  [CloudProvider.AWS]: { attempts: { min: 1, max: 3, default: 3 }, age: { min: 60, max: 21600, default: 21600 } },
  [CloudProvider.AZURE]: { attempts: { min: 1, max: 30, default: 5 }, age: { min: 60, max: 86400, default: 86400 } },
  [CloudProvider.GCP]: { attempts: { min: 5, max: 100, default: 5 }, age: { min: 600, max: 604800, default: 345600 } },
  // The local run takes what any cloud takes, with AWS's defaults.
  [CloudProvider.LOCAL]: { attempts: { min: 1, max: 2000, default: 3 }, age: { min: 60, max: 1209600, default: 21600 } },
};

/** Per cloud: delivery attempts and event age of asynchronous (topic) deliveries. */
export const ASYNC_DELIVERY: DeliveryTable = {
  [CloudProvider.AWS]: { attempts: { min: 1, max: 3, default: 3 }, age: { min: 60, max: 21600, default: 21600 } },
  [CloudProvider.AZURE]: { attempts: { min: 1, max: 2000, default: 5 }, age: { min: 60, max: 1209600, default: 345600 } },
  [CloudProvider.GCP]: { attempts: { min: 5, max: 100, default: 5 }, age: { min: 600, max: 604800, default: 345600 } },
  [CloudProvider.LOCAL]: { attempts: { min: 1, max: 2000, default: 3 }, age: { min: 60, max: 1209600, default: 21600 } },
};

/**
 * A cloud's defaults for an asynchronous source that sets none (AWS: Lambda's
 * own, the first attempt and 2 retries within 6 hours; the renderer applies
 * them to schedules, whose runs Lambda receives asynchronously).
 */
export function asyncDeliveryDefaults(cloud: CloudProvider): { maxDeliveryAttempts: number; maxEventAgeSeconds: number } {
  return { maxDeliveryAttempts: ASYNC_DELIVERY[cloud].attempts.default, maxEventAgeSeconds: ASYNC_DELIVERY[cloud].age.default };
}
