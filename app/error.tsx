'use client';

// Shown when a page fails to render. The details go to the server log (with this reference and the request
// id beside them: instrumentation.ts), never to the page.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="mx-auto w-full max-w-3xl flex-1 px-4 py-8">
      <h1 className="mt-0 text-4xl font-bold">Sorry, there is a problem with the service</h1>
      <p>Anything you had already saved is kept. Try again in a few minutes.</p>
      <p>If it still does not work, call the clinic: the phone number is at the top of our website and in our emails.</p>
      {error.digest ? (
        <p>
          If you call, you can tell us this reference: <strong className="font-mono">{error.digest}</strong>
        </p>
      ) : null}
      <button
        type="button"
        onClick={reset}
        className="rounded bg-brand px-5 py-3 font-semibold text-white hover:bg-brand-dark"
      >
        Try again
      </button>
    </main>
  );
}
