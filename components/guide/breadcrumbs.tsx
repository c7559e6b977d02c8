import Link from 'next/link';

export type Crumb = { href: string; label: string };

/** Where this page sits: the trail of parent pages, then the page itself (not a link). */
export function Breadcrumbs({ trail, current }: { trail: Crumb[]; current: string }) {
  return (
    <nav aria-label="Breadcrumb" className="no-print mb-6 text-base">
      <ol className="m-0 flex list-none flex-wrap gap-x-2 p-0">
        {trail.map((c) => (
          <li key={c.href} className="after:ml-2 after:text-muted after:content-['›']">
            <Link href={c.href}>{c.label}</Link>
          </li>
        ))}
        <li aria-current="page" className="text-muted">
          {current}
        </li>
      </ol>
    </nav>
  );
}
