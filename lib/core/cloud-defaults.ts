/**
 * Values Cirrus sets on each cloud when the user gives none, with the source
 * that makes them the right default. The renderers read them from here.
 */
export const CLOUD_DEFAULTS = {
  aws: {
    /**
     * Visibility timeout of a shared EventQueue: six times Cirrus's default function timeout (30 s),
     * as AWS asks ("at least six times the timeout that you configure on your function",
     * docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html); a consumer raises it to six times its own.
     */
    sharedQueueVisibilitySeconds: 180,
  },
  azure: {
    /**
     * Lock duration of a shared EventQueue: Service Bus's own default of one minute (at most five,
     * learn.microsoft.com/azure/service-bus-messaging/message-transfers-locks-settlement#peeklock); a consumer raises it to its timeout.
     */
    sharedQueueLockSeconds: 60,
    /**
     * Maximum instance count of a Flex Consumption app without maxConcurrency: the plan's default,
     * "The default maximum instance count is 100" (learn.microsoft.com/azure/azure-functions/migration/migrate-plan-consumption-to-flex).
     */
    maxInstances: 100,
  },
} as const;
