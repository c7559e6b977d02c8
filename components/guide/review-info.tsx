/** When the page was last reviewed, by whom, and when it will be reviewed again. */
export function ReviewInfo({
  lastReviewed,
  nextReview,
  reviewer,
  publisher,
}: {
  lastReviewed: string;
  nextReview: string;
  reviewer: string;
  publisher: string;
}) {
  return (
    <dl className="mt-8 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-base text-muted">
      <dt>Page last reviewed:</dt>
      <dd className="m-0">
        <time dateTime={lastReviewed}>{formatDate(lastReviewed)}</time>, by {reviewer}
      </dd>
      <dt>Next review due:</dt>
      <dd className="m-0">
        <time dateTime={nextReview}>{formatDate(nextReview)}</time>
      </dd>
      <dt>Published by:</dt>
      <dd className="m-0">{publisher}</dd>
    </dl>
  );
}

/** "20 November 2026" from "2026-11-20" (a calendar date: no time zone involved). */
export function formatDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!)).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
