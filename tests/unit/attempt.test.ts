import { describe, expect, it } from 'vitest';
import { attemptRepeatable } from '@/lib/http/attempt';

describe('attemptRepeatable', () => {
  it('gives the value of a step that worked', async () => {
    const failures: unknown[] = [];
    expect(await attemptRepeatable(async () => 42, (error) => void failures.push(error))).toEqual({ ok: true, value: 42 });
    expect(failures).toEqual([]);
  });

  it('reports a failure (not a connection problem: no retry) instead of throwing, and hands the error over', async () => {
    const failures: unknown[] = [];
    let runs = 0;
    const boom = new Error('constraint');
    const result = await attemptRepeatable(
      async () => {
        runs += 1;
        throw boom;
      },
      (error) => void failures.push(error),
    );
    expect(result).toEqual({ ok: false });
    expect(failures).toEqual([boom]);
    expect(runs).toBe(1);
  });
});
