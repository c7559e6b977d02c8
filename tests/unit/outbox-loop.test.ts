// The worker loop both outboxes share (lib/outbox/loop.ts): a backlog drains batch after batch without waiting,
// passes never overlap, and stopping waits for the pass in flight and starts no other.
import { describe, expect, it } from 'vitest';
import { drain, loopHolder, startLoop } from '@/lib/outbox/loop';

describe('drain', () => {
  it('keeps claiming while full batches come back, and stops at the first partial one', async () => {
    const sizes = [20, 20, 7, 20];
    const passes = await drain(async () => ({ claimed: sizes.shift()! }));
    expect(passes.map((p) => p.claimed)).toEqual([20, 20, 7]);
  });

  it('stops after its rounds, or when told to stop', async () => {
    expect(await drain(async () => ({ claimed: 20 }), { rounds: 3 })).toHaveLength(3);
    let calls = 0;
    const passes = await drain(async () => ({ claimed: 20, n: ++calls }), { stopped: () => calls >= 2 });
    expect(passes.map((p) => p.n)).toEqual([1, 2]);
  });
});

describe('startLoop', () => {
  it('runs one pass at a time, and stopping waits for the one in flight and starts no other', async () => {
    const holder = loopHolder(`__test_loop_${Math.random()}`);
    let running = 0;
    let overlapped = false;
    let passes = 0;
    let release: () => void = () => {};
    const pass = async () => {
      running++;
      overlapped ||= running > 1;
      passes++;
      if (passes === 3) await new Promise<void>((resolve) => (release = resolve));
      running--;
    };
    const stop = startLoop(holder, pass, 1);
    while (passes < 3) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(holder.stop).toBe(stop);
    const stopping = stop();
    let stoppedYet = false;
    void stopping.then(() => (stoppedYet = true));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(stoppedYet).toBe(false); // the third pass is still running
    release();
    await stopping;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(passes).toBe(3);
    expect(overlapped).toBe(false);
    expect(holder.stop).toBeUndefined();
  });

  it('keeps one holder per name in a process', () => {
    expect(loopHolder('__test_same')).toBe(loopHolder('__test_same'));
  });
});
