import { IConstruct } from 'constructs';

/**
 * What one layer made of a construct, kept for the other layers in a typed
 * slot instead of a child looked up by its id or a field read through a cast:
 * a renderer sets the handle when it renders the construct, and every other
 * renderer reads it with its type. One slot per kind of handle.
 */
export class HandleSlot<T> {
  private readonly handles = new WeakMap<IConstruct, T>();

  /** @param description what the handle is, for the error when a construct has none */
  constructor(private readonly description: string) {}

  /** Records the handle of `owner`, and returns it. */
  public set<V extends T>(owner: IConstruct, handle: V): V {
    this.handles.set(owner, handle);
    return handle;
  }

  /** The handle of `owner`: an internal error when it was never set, which is a bug in Cirrus. */
  public of(owner: IConstruct): T {
    const handle = this.handles.get(owner);
    if (handle === undefined) {
      throw new Error(`${owner.node.path} has no ${this.description} (a Cirrus renderer did not record it)`);
    }
    return handle;
  }

  /** The handle of `owner`, if one was set. */
  public tryOf(owner: IConstruct | undefined): T | undefined {
    return owner === undefined ? undefined : this.handles.get(owner);
  }

  /**
   * The handle of `owner`, made by `create` on first use: a resource a stack
   * (or any scope) shares between the constructs in it, created once.
   */
  public getOrCreate<V extends T>(owner: IConstruct, create: () => V): T {
    return this.tryOf(owner) ?? this.set(owner, create());
  }
}
