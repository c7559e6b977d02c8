// The worker loop every outbox shares (lib/email/runner, lib/texts/runner): a pass, then the next one an interval
// after it ends (never two at once), once per process (the holder lives on globalThis, so Next.js's module copies
// share it); stopping waits for the pass in flight.

export type LoopHolder = { stop?: () => Promise<void> };

/** This process's holder for the loop named `key`. */
export function loopHolder(key: string): LoopHolder {
  const store = globalThis as unknown as Record<string, LoopHolder | undefined>;
  return (store[key] ??= {});
}

export type Pass = { claimed: number };

/**
 * Runs `once` until it claims less than a full batch (at most `rounds` times): a backlog drains without waiting
 * an interval between batches.
 */
type DrainOptions = { batch?: number; rounds?: number; stopped?: () => boolean };

export async function drain<P extends Pass>(once: () => Promise<P>, { batch = 20, rounds = 10, stopped = () => false }: DrainOptions = {}): Promise<P[]> {
  const passes: P[] = [];
  for (let i = 0; i < rounds && !stopped(); i++) {
    const pass = await once();
    passes.push(pass);
    if (pass.claimed < batch) break;
  }
  return passes;
}

/** Starts `pass` on a timer in `holder`; returns the stop function. `pass` must catch its own errors. */
export function startLoop(holder: LoopHolder, pass: (stopped: () => boolean) => Promise<void>, intervalMs: number): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  const loop = () => {
    if (stopped) return;
    current = pass(() => stopped).finally(() => {
      if (!stopped) timer = setTimeout(loop, intervalMs);
    });
  };
  loop();
  holder.stop = async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await current;
    holder.stop = undefined;
  };
  return holder.stop;
}
