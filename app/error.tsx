'use client';

// Shown when something unexpected fails. The details go to the server log, never to the page.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="mx-auto w-full max-w-3xl flex-1 px-4 py-8">
      <h1 className="mt-0 text-4xl font-bold">Sorry, there is a problem with the service</h1>
      <p>Nothing you entered has been lost. Try again in a few minutes.</p>
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
