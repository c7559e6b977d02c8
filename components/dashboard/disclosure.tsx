// A section that opens and closes (<details>): the lead page keeps each of its forms behind one. Plain
// markup, usable from server and client components. `open` opens it from the server: a form that has just
// answered (a confirmation or a problem) opens its own section, because after a submit without JavaScript
// the page is new and every section would otherwise be closed over the answer.
import type { ReactNode } from 'react';

export function Disclosure({ title, id, open, children }: { title: string; id: string; open?: boolean; children: ReactNode }) {
  return (
    <details id={id} open={open || undefined} className="group border-b border-line last:border-b-0">
      <summary className="flex min-h-11 cursor-pointer list-none items-center justify-between gap-2 py-2 font-semibold text-brand [&::-webkit-details-marker]:hidden">
        {title}
        <span aria-hidden="true" className="text-muted group-open:rotate-180">
          ▾
        </span>
      </summary>
      <div className="pb-4 pt-1">{children}</div>
    </details>
  );
}
