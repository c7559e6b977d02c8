import type { Metadata } from 'next';
import { PageHeader } from '@/components/dashboard/ui';
import { requireStaff } from '@/lib/auth/guard';

export const metadata: Metadata = { title: 'Inbox' };

export default async function InboxPage() {
  await requireStaff('leads.read', '/dashboard');
  return <PageHeader title="Inbox" />;
}
