// The top of a lead's page: who, where they are in the funnel, who has them, how long they waited for a
// first contact; the links to export or erase them (for those who may); and, on one-column screens, where
// each section is.
import { StatusBadge, UrgencyBadge } from '@/components/dashboard/badges';
import { Notice } from '@/components/dashboard/ui';
import type { LeadPageData } from '@/lib/leads/detail';
import { formatWaited } from '@/lib/time/format';
import { RED_FLAG_LABELS } from './labels';

type When = (d: Date | null) => string | null;

export function LeadHeader({ page, now, when }: { page: LeadPageData; now: Date; when: When }) {
  const { lead, may } = page;
  const fullName = `${lead.firstName} ${lead.lastName}`;
  return (
    <div className="mb-4">
      <p className="m-0 text-sm">
        <a href="/dashboard">Inbox</a> <span aria-hidden="true">›</span> <span className="sr-only">current page: </span>
        {fullName}
      </p>
      <h1 className="m-0 text-2xl font-bold">{fullName}</h1>
      <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1">
        <span>
          <span className="sr-only">Status: </span>
          <StatusBadge status={lead.status} />
        </span>
        <span>
          <span className="sr-only">Urgency: </span>
          <UrgencyBadge urgency={lead.urgency} />
        </span>
        <span>Assigned to {lead.assignedToName ?? 'nobody'}</span>
        <SpeedToLead lead={lead} now={now} when={when} />
      </div>
      {may.export || may.erase ? (
        <p className="m-0 mt-2 flex flex-wrap gap-x-4 text-sm">
          {may.export ? <a href={`/dashboard/privacy/${lead.id}/export`}>Export this person’s record (JSON)</a> : null}
          {may.erase ? <a href={`/dashboard/privacy/${lead.id}/erase`}>Erase this person</a> : null}
        </p>
      ) : null}
    </div>
  );
}

function SpeedToLead({ lead, now, when }: { lead: LeadPageData['lead']; now: Date; when: When }) {
  if (lead.firstContactedAt) {
    return <span>First contacted {when(lead.firstContactedAt)} ({formatWaited(lead.createdAt, lead.firstContactedAt)} after the request)</span>;
  }
  return (
    <span className="font-semibold">
      Not contacted yet: waiting {formatWaited(lead.createdAt, now)}
    </span>
  );
}

const SECTIONS = [
  ['#actions-title', 'Actions'],
  ['#texts-title', 'Texts'],
  ['#appointments-title', 'Appointments'],
  ['#requests-title', 'Requests'],
  ['#timeline-title', 'Timeline'],
] as const;

/** One column on tablets and phones: the timeline is far down, so say where everything is. */
export function OnThisPage() {
  return (
    <nav aria-label="On this page" className="mb-4 lg:hidden">
      <ul className="m-0 flex list-none flex-wrap gap-x-4 gap-y-1 p-0">
        {SECTIONS.map(([href, label]) => (
          <li key={href}>
            <a href={href}>{label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function UrgentNotice({ flags }: { flags: string[] }) {
  if (!flags.length) return null;
  return (
    <Notice tone="danger">
      <p className="m-0 font-bold text-danger">Urgent: warning signs reported</p>
      <ul className="m-0 list-disc pl-5">
        {flags.map((f) => (
          <li key={f}>{RED_FLAG_LABELS[f] ?? f}</li>
        ))}
      </ul>
      <p className="m-0 text-sm">Call them today. The request below shows the answers.</p>
    </Notice>
  );
}
