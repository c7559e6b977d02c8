'use client';

// The dashboard's navigation: the current page is marked for screen readers and by more than colour.
import Link from 'next/link';
import { usePathname } from 'next/navigation';

export type NavItem = { href: string; label: string };

export function DashboardNav({ items }: { items: NavItem[] }) {
  // null only on a Pages Router page, which the dashboard never is.
  const pathname = usePathname() ?? '';
  return (
    <nav aria-label="Dashboard" className="overflow-x-auto">
      <ul className="m-0 flex list-none gap-1 p-0">
        {items.map((item) => {
          const current = item.href === '/dashboard' ? pathname === '/dashboard' || pathname.startsWith('/dashboard/leads') : pathname.startsWith(item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? 'page' : undefined}
                className={`block whitespace-nowrap border-b-4 px-3 py-2 font-semibold no-underline ${
                  current ? 'border-white text-white' : 'border-transparent text-[#d6e4f5] hover:text-white'
                }`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
