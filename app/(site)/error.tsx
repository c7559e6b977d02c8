'use client';

// A public page that failed to render: inside the site's frame, so the clinic's phone number stays in view.
// The details go to the server log with this reference beside them (instrumentation.ts).
export default function SiteErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="max-w-2xl">
      <h1 className="mt-0 text-4xl font-bold">Sorry, there is a problem with the service</h1>
      <p>Anything you had already saved is kept. Try again in a few minutes.</p>
      <p>If it still does not work, call us on the number at the top of this page. We can help you by phone.</p>
      {error.digest ? (
        <p>
          If you call, you can tell us this reference: <strong className="font-mono">{error.digest}</strong>
        </p>
      ) : null}
      <button type="button" onClick={reset} className="rounded bg-brand px-5 py-3 font-semibold text-white hover:bg-brand-dark">
        Try again
      </button>
    </div>
  );
}
