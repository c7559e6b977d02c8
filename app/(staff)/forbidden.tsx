// The 403 page a signed-in member of staff sees when their role lacks a permission (lib/auth/guard.ts calls
// forbidden()). It lives in the staff group, not at the app's root: a root boundary is serialized into every
// page's payload, public pages included (docs/performance.md).
import Link from 'next/link';

export default function Forbidden() {
  return (
    <main id="main" className="mx-auto w-full max-w-xl flex-1 px-4 py-12 text-base">
      <h1 className="text-2xl font-bold">You do not have access to this page</h1>
      <p>This part of the dashboard is for the clinic’s administrators. If you need it for your work, ask an administrator.</p>
      <p>
        <Link href="/dashboard">Go to the inbox</Link>
      </p>
    </main>
  );
}
