import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { getDb } from '@/db/client';
import { HealthBanner } from '@/components/dashboard/health-banner';
import { DashboardNav, type NavItem } from '@/components/dashboard/nav';
import { requireStaff } from '@/lib/auth/guard';
import { can, type Permission } from '@/lib/auth/permissions';
import { clinic } from '@/lib/env';
import { bannerFor, cachedHealthReport } from '@/lib/ops/banner';
import { signOutAction } from './actions';

export const metadata: Metadata = { title: { default: 'Dashboard', template: '%s – Dashboard' } };

const NAV: (NavItem & { permission: Permission })[] = [
  { href: '/dashboard', label: 'Inbox', permission: 'leads.read' },
  { href: '/dashboard/tasks', label: 'Tasks', permission: 'leads.read' },
  { href: '/dashboard/schedule', label: 'Schedule', permission: 'schedule.read' },
  { href: '/dashboard/emails', label: 'Emails', permission: 'emails.read' },
  { href: '/dashboard/metrics', label: 'Metrics', permission: 'metrics.read' },
  { href: '/dashboard/admin/staff', label: 'Staff', permission: 'staff.manage' },
  { href: '/dashboard/admin/settings', label: 'Opening hours', permission: 'settings.manage' },
  { href: '/dashboard/admin/audit', label: 'Audit log', permission: 'audit.read' },
  { href: '/dashboard/health', label: 'System health', permission: 'settings.manage' },
];

// Every page below checks its own permission too: this layout only decides what the navigation shows.
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const staff = await requireStaff('leads.read', '/dashboard');
  const items = NAV.filter((item) => can(staff.role, item.permission));
  // At most one health check per server every 30 seconds (lib/ops/banner), whatever the number of pages.
  const banner = bannerFor(await cachedHealthReport(getDb, new Date()));
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:z-10 focus:bg-focus focus:p-2 focus:text-ink">
        Skip to main content
      </a>
      <header className="bg-brand text-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-x-4 px-4 pt-2">
          <p className="m-0 font-bold">{clinic().name} · Staff</p>
          <div className="flex items-center gap-3 text-sm">
            <a href="/dashboard/account" className="text-white">
              {staff.name}
              <span className="sr-only"> (your account)</span>
            </a>
            <span aria-hidden="true" className="text-[#d6e4f5]">
              {staff.role === 'admin' ? 'Admin' : 'Staff'}
            </span>
            <form action={signOutAction}>
              <button type="submit" className="rounded border border-white px-2 py-0.5 font-semibold text-white hover:bg-brand-dark">
                Sign out
              </button>
            </form>
          </div>
        </div>
        <div className="mx-auto max-w-7xl px-2">
          <DashboardNav items={items} />
        </div>
      </header>
      {banner ? <HealthBanner banner={banner} admin={can(staff.role, 'settings.manage')} /> : null}
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl flex-1 px-4 py-5 outline-none">
        {children}
      </main>
    </>
  );
}
