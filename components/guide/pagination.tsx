import Link from 'next/link';

type PageLink = { href: string; title: string };

/** Previous and next pages of the guide, in reading order. */
export function GuidePagination({ previous, next }: { previous?: PageLink; next?: PageLink }) {
  if (!previous && !next) return null;
  return (
    <nav aria-label="Guide pages" className="no-print mt-10 grid gap-4 border-t border-line pt-6 sm:grid-cols-2">
      {previous ? (
        <Link href={previous.href} rel="prev" className="block rounded-md p-2 no-underline hover:bg-brand-soft">
          <span className="block text-base text-muted">Previous</span>
          <span className="text-lg font-semibold underline">{previous.title}</span>
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link href={next.href} rel="next" className="block rounded-md p-2 text-right no-underline hover:bg-brand-soft">
          <span className="block text-base text-muted">Next</span>
          <span className="text-lg font-semibold underline">{next.title}</span>
        </Link>
      ) : null}
    </nav>
  );
}
