// System health for admins: whether patients' emails are going out, in plain words, each figure with its state
// as a word and a colour, what it means and what to do (lib/ops/health, docs/monitoring.md). Computed fresh on
// every visit; the dashboard banner then shows the same answer.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { Badge, Card, PageHeader } from '@/components/dashboard/ui';
import { requireStaff } from '@/lib/auth/guard';
import { clinic, env } from '@/lib/env';
import { zoneName } from '@/lib/booking/time-words';
import { formatClinicDateTime } from '@/lib/time/format';
import { rememberHealthReport } from '@/lib/ops/banner';
import { getHealthReport, healthThresholds, listMissingReminders } from '@/lib/ops/health';
import { overallState, type Problem } from '@/lib/ops/health-rules';
import { figureRows, STATE_WORDS, type FigureState } from './figures';

export const metadata: Metadata = { title: 'System health' };

const PATH = '/dashboard/health';
const TONE = { green: 'success', amber: 'warning', red: 'danger' } as const;
const PANEL: Record<FigureState, string> = {
  green: 'border-success bg-[#e8f5ec]',
  amber: 'border-[#b7791f] bg-[#fff4d6]',
  red: 'border-danger bg-danger-soft',
};
const HEADLINE: Record<FigureState, string> = {
  green: 'All clear: emails are going out',
  amber: 'Warning: something needs a look today',
  red: 'Problem: patients may not be getting their emails',
};

export default async function HealthPage() {
  await requireStaff('settings.manage', PATH);
  const now = new Date();
  const thresholds = healthThresholds();
  const report = await getHealthReport(getDb, now, thresholds);
  rememberHealthReport(report);
  const tz = clinic().timeZone;
  // Every time on this page is the clinic's, said with its zone (lib/booking/time-words).
  const at = (d: Date) => `${formatClinicDateTime(d, tz)} ${zoneName(tz)}`;
  const overall = overallState(report.problems);
  const missing = report.figures?.remindersMissing ? (await listMissingReminders(await getDb(), now)).missing : [];

  return (
    <>
      <PageHeader title="System health" description={`Checked ${at(now)}. Reload the page to check again.`} />
      <div className={`mb-5 rounded border-l-8 p-4 ${PANEL[overall]}`} role="status">
        <p className="m-0 text-lg font-bold">{HEADLINE[overall]}</p>
        <p className="m-0 mt-1">
          {report.problems.length === 0
            ? 'No threshold is crossed. Nothing to do.'
            : `${report.problems.length === 1 ? 'One threshold is' : `${report.problems.length} thresholds are`} crossed. Each is explained below with what to do.`}
        </p>
      </div>

      {report.problems.length ? (
        <Card title="What needs doing" id="problems">
          <ol className="m-0 grid list-none gap-3 p-0">
            {report.problems.map((p) => (
              <ProblemItem key={p.code} problem={p} />
            ))}
          </ol>
        </Card>
      ) : null}

      <Card title="The figures" id="figures">
        <ul className="m-0 grid list-none gap-3 p-0 md:grid-cols-2">
          {figureRows(report, thresholds, at).map((row) => (
            <li key={row.key} className="rounded border border-line p-3" data-figure={row.key}>
              <div className="flex flex-wrap items-start justify-between gap-2">
                <h3 className="m-0 text-base font-bold">{row.label}</h3>
                <Badge tone={TONE[row.state]}>{STATE_WORDS[row.state]}</Badge>
              </div>
              <p className="m-0 mt-1 text-lg">{row.value}</p>
              <p className="m-0 mt-1 text-sm text-muted">{row.meaning}</p>
              <p className="m-0 mt-1 text-sm">{row.limit}</p>
            </li>
          ))}
        </ul>
      </Card>

      {missing.length ? (
        <Card title="Appointments without a reminder" id="reminders">
          <p className="mt-0">Call each of these patients to remind them, or check their lead page for why the email did not go.</p>
          <ul className="m-0 pl-5">
            {missing.map((m) => (
              <li key={m.appointmentId}>
                {at(m.startsAt)} · <Link href={`/dashboard/leads/${m.leadId}`}>Open the lead</Link>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      <Card title="Alerts and outside monitoring" id="monitoring">
        <p className="mt-0">
          When a threshold is crossed, every active admin gets one alert email; it is sent again only if the problem clears and comes back,
          or once every {thresholds.alertRepeatHours} hours while it lasts.
        </p>
        <p>
          An email alert cannot arrive while email itself is down. An outside monitor should also check{' '}
          <code>/api/health?deep=1</code> with the health token, which answers 503 when any threshold is crossed.{' '}
          {env().HEALTH_TOKEN ? 'A health token is set on this server.' : 'No health token is set on this server yet (HEALTH_TOKEN), so that check is refused.'}
        </p>
        <p className="mb-0">The full guide, with what to do for each problem at any hour, is docs/monitoring.md.</p>
      </Card>
    </>
  );
}

function ProblemItem({ problem }: { problem: Problem }) {
  return (
    <li className={`rounded border-l-4 p-3 ${PANEL[problem.severity]}`} data-code={problem.code}>
      <h3 className="m-0 text-base font-bold">
        {problem.severity === 'red' ? 'Problem' : 'Warning'}: {problem.title}
      </h3>
      <p className="m-0 mt-1">{problem.detail}</p>
      <p className="m-0 mt-1">
        <strong>What to do:</strong> {problem.action}
      </p>
      <p className="m-0 mt-1 text-sm text-muted">Code for monitors: {problem.code}</p>
    </li>
  );
}
