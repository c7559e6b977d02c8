// The root 401 boundary. Nothing calls unauthorized() (signed-out visitors are sent to sign in), but without
// this file Next.js serializes its default 401 page, styles included, into every page (authInterrupts).
export default function Unauthorized() {
  return (
    <main id="main">
      <h1>Please sign in to see this page</h1>
    </main>
  );
}
