import { Construct } from 'constructs';
import { HandleSlot } from '../../../lib/core/handle-slot';

describe('HandleSlot', () => {
  const root = new Construct(undefined as unknown as Construct, 'root');

  test('returns the handle set for a construct, and only for it', () => {
    const slot = new HandleSlot<{ name: string }>('test handle');
    const a = new Construct(root, 'A');
    const b = new Construct(root, 'B');
    slot.set(a, { name: 'a' });
    expect(slot.of(a)).toEqual({ name: 'a' });
    expect(slot.tryOf(b)).toBeUndefined();
    expect(slot.tryOf(undefined)).toBeUndefined();
  });

  test('fails when a construct has no handle, naming its path and the handle', () => {
    const slot = new HandleSlot<number>('SQS queue pair');
    expect(() => slot.of(new Construct(root, 'C'))).toThrow('root/C has no SQS queue pair');
  });

  test('getOrCreate creates once per construct', () => {
    const slot = new HandleSlot<object>('shared thing');
    const owner = new Construct(root, 'D');
    let created = 0;
    const make = () => ({ n: ++created });
    const first = slot.getOrCreate(owner, make);
    expect(slot.getOrCreate(owner, make)).toBe(first);
    expect(created).toBe(1);
    expect(slot.getOrCreate(new Construct(root, 'E'), make)).not.toBe(first);
    expect(created).toBe(2);
  });
});
