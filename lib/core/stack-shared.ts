import { IConstruct } from 'constructs';
import { HandleSlot } from './handle-slot';

/**
 * A resource the constructs of one stack share, declared once: `create`
 * makes it (under its fixed construct id) on the first `of(stack)`, and every
 * later call returns it with its type. Kept per stack construct in a
 * HandleSlot, never looked up by id.
 */
export class StackShared<S extends IConstruct, T> {
  private readonly slot = new HandleSlot<T>('shared resource');

  constructor(private readonly create: (stack: S) => T) {}

  /** The stack's resource, created on first use. */
  public of(stack: S): T {
    return this.slot.getOrCreate(stack, () => this.create(stack));
  }
}

/** A StackShared per key: one resource per stack and key (a retention period, a region, an API). */
export class StackSharedPerKey<S extends IConstruct, K, T> {
  private readonly slot = new HandleSlot<Map<K, T>>('shared resources');

  constructor(private readonly create: (stack: S, key: K) => T) {}

  /** The stack's resource for `key`, created on first use. */
  public of(stack: S, key: K): T {
    const made = this.slot.getOrCreate(stack, () => new Map<K, T>());
    const existing = made.get(key);
    if (existing !== undefined) {
      return existing;
    }
    const created = this.create(stack, key);
    made.set(key, created);
    return created;
  }
}
