'use client';

// New requests without a reload: every 15 seconds, while the tab is visible and someone is at the
// keyboard, ask how many leads are newer than the newest one this page was rendered with (a number
// only, nothing about anyone). On the first page with nothing selected the list refreshes by itself;
// otherwise a polite banner offers to show them. The banner floats over the page: nothing moves.
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { buttonPrimary } from '@/components/dashboard/form';

export const POLL_INTERVAL_MS = 15_000;
/**
 * Each poll is a request that keeps the staff session alive: after this long without a key press,
 * click or touch the polling stops, so an unattended inbox still signs out after its inactivity timeout.
 */
const IDLE_PAUSE_MS = 10 * 60_000;

function isTyping(): boolean {
  const el = document.activeElement as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || (el.tagName === 'INPUT' && (el as HTMLInputElement).type !== 'checkbox');
}

const nothingSelected = () => document.querySelectorAll('input[name="ids"]:checked').length === 0;

export function LiveUpdates({ mark, firstPage, firstPageHref }: { mark: string | null; firstPage: boolean; firstPageHref: string }) {
  const router = useRouter();
  // Counts belong to the mark they were asked about: a refreshed page (new mark) starts from zero.
  const [pending, setPending] = useState<{ mark: string | null; count: number }>({ mark, count: 0 });
  const [notice, setNotice] = useState<string | null>(null);
  const lastInput = useRef(0);
  const count = pending.mark === mark ? pending.count : 0;

  useEffect(() => {
    lastInput.current = Date.now();
    const onInput = () => {
      lastInput.current = Date.now();
    };
    const events = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, onInput, { passive: true });
    return () => {
      for (const e of events) window.removeEventListener(e, onInput);
    };
  }, []);

  useEffect(() => {
    let stopped = false;
    async function poll() {
      if (document.hidden || Date.now() - lastInput.current > IDLE_PAUSE_MS) return;
      try {
        const res = await fetch(`/dashboard/inbox/updates?since=${encodeURIComponent(mark ?? '')}`, { cache: 'no-store', headers: { accept: 'application/json' } });
        if (!res.ok || stopped) return;
        const body = (await res.json()) as { count?: unknown };
        const n = typeof body.count === 'number' ? body.count : 0;
        if (n <= 0 || stopped) return;
        if (firstPage && nothingSelected() && !isTyping()) {
          setNotice(n === 1 ? '1 new request added to the list' : `${n} new requests added to the list`);
          router.refresh();
        } else {
          setPending({ mark, count: n });
        }
      } catch {
        // Offline for a moment: the next poll tries again.
      }
    }
    const timer = window.setInterval(poll, POLL_INTERVAL_MS);
    const onVisible = () => {
      if (!document.hidden) void poll();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [mark, firstPage, router]);

  useEffect(() => {
    if (!notice) return;
    const timer = window.setTimeout(() => setNotice(null), 8_000);
    return () => window.clearTimeout(timer);
  }, [notice]);

  const show = () => {
    setPending({ mark, count: 0 });
    if (firstPage) router.refresh();
    else router.push(firstPageHref);
  };

  return (
    <div role="status" className="pointer-events-none fixed inset-x-0 bottom-4 z-20 flex justify-center px-4">
      {count > 0 ? (
        <p className="pointer-events-auto m-0 flex flex-wrap items-center gap-3 rounded border-2 border-brand bg-white px-4 py-2 font-semibold shadow-lg">
          <span>{count === 1 ? '1 new request' : `${count} new requests`}</span>
          <button type="button" onClick={show} className={buttonPrimary}>
            Show them
          </button>
        </p>
      ) : notice ? (
        <p className="m-0 rounded border-2 border-success bg-white px-4 py-2 font-semibold text-success shadow-lg">{notice}</p>
      ) : null}
    </div>
  );
}
