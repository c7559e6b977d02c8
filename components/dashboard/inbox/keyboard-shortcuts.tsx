'use client';

// Inbox shortcuts: j / k move to the next / previous request (its name link takes the focus, and the
// row is highlighted), Enter opens it, x selects it, / goes to the search box. Keys typed into a field,
// or pressed with Ctrl, Alt or Cmd, are left alone. The list of shortcuts is a disclosure on the page.
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

const ROW = '[data-inbox-row]';
const OPEN = '[data-inbox-open]';

function isTypingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  return target.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'submit'].includes((target as HTMLInputElement).type);
}

function rows(): HTMLElement[] {
  return Array.from(document.querySelectorAll<HTMLElement>(ROW));
}

function activeIndex(all: HTMLElement[]): number {
  const focused = document.activeElement?.closest<HTMLElement>(ROW);
  const index = focused ? all.indexOf(focused) : -1;
  return index >= 0 ? index : all.findIndex((row) => row.dataset.active === 'true');
}

function activate(all: HTMLElement[], index: number) {
  all.forEach((row, i) => {
    if (i === index) row.dataset.active = 'true';
    else delete row.dataset.active;
  });
  const link = all[index]?.querySelector<HTMLAnchorElement>(OPEN);
  link?.focus();
  link?.scrollIntoView({ block: 'nearest' });
}

export function InboxShortcuts({ searchId }: { searchId: string }) {
  const router = useRouter();

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTypingIn(event.target)) return;
      const all = rows();
      const current = activeIndex(all);
      switch (event.key) {
        case 'j':
        case 'k': {
          if (!all.length) return;
          event.preventDefault();
          const next = event.key === 'j' ? Math.min(current + 1, all.length - 1) : Math.max(current - 1, 0);
          activate(all, current < 0 ? 0 : next);
          return;
        }
        case 'Enter': {
          // A focused link or button does its own thing; otherwise open the highlighted request.
          if (event.target instanceof HTMLAnchorElement || event.target instanceof HTMLButtonElement) return;
          const href = all[current]?.querySelector<HTMLAnchorElement>(OPEN)?.getAttribute('href');
          if (!href) return;
          event.preventDefault();
          router.push(href);
          return;
        }
        case 'x': {
          const box = all[current]?.querySelector<HTMLInputElement>('input[name="ids"]');
          if (!box) return;
          event.preventDefault();
          box.click();
          return;
        }
        case '/': {
          const search = document.getElementById(searchId);
          if (!(search instanceof HTMLInputElement)) return;
          event.preventDefault();
          search.focus();
          search.select();
          return;
        }
      }
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [router, searchId]);

  return null;
}

/** The shortcuts, written out: a disclosure, closed until someone asks. */
export function ShortcutsHelp() {
  const keys: [string, string][] = [
    ['j', 'Next request'],
    ['k', 'Previous request'],
    ['Enter', 'Open the highlighted request'],
    ['x', 'Select or clear the highlighted request'],
    ['/', 'Go to the search box'],
  ];
  return (
    <details className="relative text-sm">
      <summary className="cursor-pointer font-semibold text-brand underline underline-offset-2">Keyboard shortcuts</summary>
      <dl className="absolute right-0 z-10 m-0 mt-1 grid w-72 grid-cols-[auto_1fr] gap-x-3 gap-y-1 rounded border border-line bg-white p-3 shadow-lg">
        {keys.map(([key, what]) => (
          <div key={key} className="contents">
            <dt>
              <kbd className="rounded border border-line bg-page px-1.5 font-mono">{key}</kbd>
            </dt>
            <dd className="m-0">{what}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
