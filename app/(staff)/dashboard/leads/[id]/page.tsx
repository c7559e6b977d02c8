// One person's page: everything known about them and everything staff do with them. It loads through one
// function (lib/leads/detail.ts loadLeadPage, which also audits the view) and lays out the sections.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { Card, Notice } from '@/components/dashboard/ui';
import { requestMeta } from '@/lib/auth';
import { requireStaff } from '@/lib/auth/guard';
import { clinic } from '@/lib/env';
import { loadOrTryAgain } from '@/lib/http/page-data';
import { isErased, loadLeadPage } from '@/lib/leads/detail';
import { formatClinicDate, formatClinicDateTime } from '@/lib/time/format';
import { AppointmentsCard } from './_components/appointments-card';
import { LeadActionForms } from './_components/lead-action-forms';
import { ConsentCard, ContactCard, FollowUpsCard, RequestsCard } from './_components/lead-cards';
import { LeadHeader, OnThisPage, UrgentNotice } from './_components/lead-header';
import { TextsCard } from './_components/texts-card';
import { Timeline } from './_components/timeline';
import { getLeadTexts } from '@/lib/texts/staff-view';

export const metadata: Metadata = { title: 'Lead' };

export default async function LeadPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const staff = await requireStaff('leads.read', `/dashboard/leads/${id}`);
  const db = await getDb();
  const now = new Date();
  const { timeZone } = clinic();
  const meta = await requestMeta();
  // The database restarting: a short wait, then a "try again" page rather than a 500.
  const page = await loadOrTryAgain('lead page', `/dashboard/leads/${id}`, () => loadLeadPage(db, { leadId: id, viewer: staff, now, timeZone, meta }));
  if (!page) notFound();
  if (isErased(page)) {
    return (
      <>
        <h1 className="m-0 mb-4 text-2xl font-bold">Erased record</h1>
        <Notice>This person’s data was erased on {formatClinicDate(page.erasedAt, timeZone)}.</Notice>
      </>
    );
  }

  const when = (d: Date | null) => (d ? formatClinicDateTime(d, timeZone) : null);
  const texts = await getLeadTexts(db, page.lead);
  return (
    <>
      <LeadHeader page={page} now={now} when={when} />
      <OnThisPage />
      <UrgentNotice flags={page.urgentFlags} />
      <div className="grid gap-5 lg:grid-cols-2">
        <div className="min-w-0">
          <ContactCard page={page} when={when} />
          {page.may.write ? (
            <Card title="Actions" id="actions">
              <LeadActionForms
                lead={page.lead}
                me={staff.id}
                staff={page.staff}
                slotDays={page.slotDays}
                emailBlocked={page.emailBlocked}
                unsubscribed={page.unsubscribed}
                today={formatClinicDate(now, timeZone)}
              />
            </Card>
          ) : null}
          <FollowUpsCard page={page} now={now} when={when} />
          <TextsCard lead={page.lead} channel={texts.channel} texts={texts.texts} mayWrite={page.may.write} when={when} />
          <AppointmentsCard page={page} now={now} timeZone={timeZone} />
          <RequestsCard page={page} when={when} />
          <ConsentCard page={page} when={when} />
        </div>
        <div className="min-w-0">
          <Card title="Timeline" id="timeline">
            <Timeline detail={page} timeZone={timeZone} />
          </Card>
        </div>
      </div>
    </>
  );
}
