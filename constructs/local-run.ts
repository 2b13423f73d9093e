import { LOCAL_WARNING } from '../lib/targets/annotations';
import { CirrusValidationError } from '../lib/core/errors';
import { localModelOf } from '../lib/local/model';
import { LocalEngine } from '../lib/local/run/engine';
import { kindOf } from '../lib/core/validation';
import type { LocalStack } from './local-stack';

/**
 * Options of a local run.
 */
export interface LocalRunOptions {
  /**
   * The port of the HTTP server (0: any free port; see `url`).
   * @default 3000
   */
  readonly port?: number;
  /**
   * The address the server listens on.
   * @default '127.0.0.1'
   */
  readonly host?: string;
  /**
   * How long a failed record waits before it is delivered again, in
   * milliseconds (the clouds wait seconds to minutes; 0 makes tests fast).
   * @default 1000
   */
  readonly redeliveryDelayMs?: number;
  /**
   * Whether schedules fire on their cron (`fire()` and `POST
   * /_cirrus/schedule/<function>` work either way).
   * @default true
   */
  readonly schedules?: boolean;
  /**
   * Whether to print each delivery and each handler's output.
   * @default true
   */
  readonly logs?: boolean;
  /**
   * Whether to restart a function's process when a file of its code folder changes.
   * @default false (`npx cirrus dev` turns it on)
   */
  readonly watch?: boolean;
}

/** One record that ran out of delivery attempts. */
export interface LocalDeadLetter {
  /** The record's id. */
  readonly id: string;
  /** Its data, as the handler received it. */
  readonly data: any;
  /** Its attributes. */
  readonly attributes: { [key: string]: string };
  /** How often it was delivered. */
  readonly attempts: number;
}

/**
 * The declared system of a LocalStack, running on this machine: its HTTP
 * routes on one server, its queues, topics, bus and buckets in memory and in
 * a folder, its schedules, and every PORTABLE handler in a process of its own.
 */
export class LocalRun {
  /**
   * Starts the local run of a LocalStack.
   *
   * @param stack the LocalStack whose constructs to run
   * @param options port, redelivery delay, schedules, logs
   */
  public static async start(stack: LocalStack, options: LocalRunOptions = {}): Promise<LocalRun> {
    if (kindOf(stack) !== 'LocalStack') {
      throw new CirrusValidationError('LocalRun', ['start needs a LocalStack: declare the system in new LocalStack(app, id) and pass that stack']);
    }
    const engine = new LocalEngine(localModelOf(stack), {
      port: options.port ?? 3000,
      host: options.host ?? '127.0.0.1',
      redeliveryDelayMs: options.redeliveryDelayMs ?? 1000,
      schedules: options.schedules ?? true,
      logs: options.logs ?? true,
      watch: options.watch ?? false,
      dataDir: stack.dataDir,
      secretsFile: stack.secretsFile,
    }, (line) => console.log(line));
    await engine.start();
    const run = new LocalRun(engine);
    const declared = stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === LOCAL_WARNING).map((m) => `${c.node.path}: ${m.data}`));
    const notEmulated = 'alarms and IAM permissions beyond grants are not emulated (a missing grant is refused, as on a cloud); cloud limits (payload sizes, quotas) do not apply';
    for (const w of [...new Set([...declared, ...engine.warnings, notEmulated])]) {
      if (options.logs ?? true) {
        console.warn(`warning: ${w}`);
      }
      run.warnings.push(w);
    }
    return run;
  }

  /** The warnings of the run: what is not emulated, and declarations the local run cannot honour. */
  public readonly warnings: string[] = [];

  private constructor(private readonly engine: LocalEngine) {}

  /** The base URL of the system's HTTP routes, e.g. `http://127.0.0.1:3000`. */
  public get url(): string {
    return this.engine.url;
  }

  /** The routes, one line each (method, URL, function). */
  public get routes(): string[] {
    return this.engine.routeTable;
  }

  /**
   * Runs the schedules of a function (or one, as `Function/Trigger`) now;
   * resolves when they and what they caused are done.
   *
   * @param name the function's id, or `Function/Trigger`
   */
  public async fire(name: string): Promise<void> {
    await this.engine.fire(name);
  }

  /**
   * Sends a message to a queue: an EventQueue's id, or `Function/Trigger` for a trigger's own queue.
   *
   * @param queue the queue
   * @param data the message
   */
  public send(queue: string, data: any): void {
    this.engine.send(queue, data);
  }

  /**
   * Publishes to an EventTopic (by id); resolves the number of subscriptions it reached.
   *
   * @param topic the topic's id
   * @param data the message
   * @param attributes string attributes, for subscription filters
   */
  public publish(topic: string, data: any, attributes?: { [key: string]: string }): number {
    return this.engine.publish(topic, data, attributes ?? {});
  }

  /**
   * Resolves when no message waits in a consumed queue and no handler runs.
   */
  public async idle(): Promise<void> {
    await this.engine.idle();
  }

  /**
   * The records a queue, or the subscriptions of a topic, bus or bucket,
   * dead-lettered after their attempts.
   *
   * @param source an EventQueue, EventTopic, EventBus or EventBucket id, or `Function/Trigger`
   */
  public deadLetters(source: string): LocalDeadLetter[] {
    return this.engine.deadLetters(source);
  }

  /**
   * The last lines (up to 1,000) a function's handler printed, stdout and stderr.
   *
   * @param functionId the function's id
   */
  public output(functionId: string): string[] {
    return this.engine.output(functionId);
  }

  /** Stops the server, the schedules and every handler process. */
  public async stop(): Promise<void> {
    await this.engine.stop();
  }
}
