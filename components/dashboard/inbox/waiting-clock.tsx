'use client';

// The "speed to lead" clock of a new request nobody has contacted yet: how long the person has waited,
// ticking each minute, and marked in words (not only colour) once it is over an hour.
import { useEffect, useState } from 'react';
import { waitingLabel } from '@/lib/inbox/filters';

export function WaitingClock({ since, now }: { since: string; now: string }) {
  // The server's "now" renders first (no hydration mismatch); the browser's clock, corrected by the
  // difference between the two, moves it on.
  const [tick, setTick] = useState<{ base: string; at: number } | null>(null);
  useEffect(() => {
    const offset = Date.parse(now) - Date.now();
    const timer = window.setInterval(() => setTick({ base: now, at: Date.now() + offset }), 30_000);
    return () => window.clearInterval(timer);
  }, [now]);
  const current = tick && tick.base === now ? new Date(tick.at) : new Date(now);
  const { text, late } = waitingLabel(new Date(since), current);
  if (!late) return <span className="whitespace-nowrap text-sm text-muted">{text}</span>;
  // Past the one-hour goal: said in words as well as shown in amber.
  return (
    <span className="inline-block whitespace-nowrap rounded border border-[#f0d48a] bg-[#fff4d6] px-1.5 text-sm font-semibold text-[#6b4a00]">
      {text}
      <span className="block font-normal">over the 1-hour goal</span>
    </span>
  );
}
