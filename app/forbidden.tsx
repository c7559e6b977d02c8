// The root 403 boundary. Next.js serializes it into every page (authInterrupts), so it stays one line; staff
// pages, the only ones that call forbidden(), show app/(staff)/forbidden.tsx instead.
export default function Forbidden() {
  return (
    <main id="main">
      <h1>You do not have access to this page</h1>
    </main>
  );
}
