// The frame of the signed-out staff pages (sign in, forgotten password, choose a password).
import type { ReactNode } from 'react';

export function AuthFrame({ clinicName, title, children }: { clinicName: string; title: string; children: ReactNode }) {
  return (
    <main id="main" className="mx-auto w-full max-w-md flex-1 px-4 py-10">
      <p className="m-0 mb-6 font-bold text-brand">{clinicName} · Staff</p>
      <div className="rounded border border-line bg-white p-6">
        <h1 className="m-0 mb-4 text-2xl font-bold">{title}</h1>
        {children}
      </div>
    </main>
  );
}
