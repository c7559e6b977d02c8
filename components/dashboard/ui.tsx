// Small presentational pieces shared by the dashboard pages.
import type { ReactNode } from 'react';

export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-5 flex flex-wrap items-end justify-between gap-3">
      <div>
        <h1 className="m-0 text-2xl font-bold">{title}</h1>
        {description ? <p className="m-0 mt-1 text-muted">{description}</p> : null}
      </div>
      {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
    </div>
  );
}

export function Card({ title, children, actions, id }: { title?: string; children: ReactNode; actions?: ReactNode; id?: string }) {
  return (
    <section aria-labelledby={title && id ? `${id}-title` : undefined} className="mb-5 min-w-0 rounded border border-line bg-white p-4">
      {title ? (
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          <h2 id={id ? `${id}-title` : undefined} className="m-0 text-lg font-bold">
            {title}
          </h2>
          {actions}
        </div>
      ) : null}
      {children}
    </section>
  );
}

type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';
const tones: Record<Tone, string> = {
  neutral: 'bg-[#eef1f5] text-ink border-line',
  info: 'bg-brand-soft text-brand-dark border-[#b8cde6]',
  success: 'bg-[#e8f5ec] text-success border-[#b5dcc2]',
  warning: 'bg-[#fff4d6] text-[#6b4a00] border-[#f0d48a]',
  danger: 'bg-danger-soft text-danger border-[#f3b8b3]',
};

export function Badge({ tone = 'neutral', children }: { tone?: Tone; children: ReactNode }) {
  return <span className={`inline-block whitespace-nowrap rounded border px-1.5 py-0 text-sm font-semibold ${tones[tone]}`}>{children}</span>;
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded border border-dashed border-line bg-white p-6 text-center">
      <p className="m-0 font-semibold">{title}</p>
      {children ? <div className="mt-1 text-muted">{children}</div> : null}
    </div>
  );
}

export function Notice({ tone = 'info', children }: { tone?: 'info' | 'success' | 'warning' | 'danger'; children: ReactNode }) {
  const border = { info: 'border-brand', success: 'border-success', warning: 'border-[#b7791f]', danger: 'border-danger' }[tone];
  return <div className={`mb-4 border-l-4 ${border} bg-white p-3`}>{children}</div>;
}

/** A definition list of facts about one thing (contact details, an appointment). */
export function Facts({ rows }: { rows: [label: string, value: ReactNode][] }) {
  return (
    <dl className="m-0 grid grid-cols-[minmax(7rem,auto)_minmax(0,1fr)] gap-x-4 gap-y-1">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="font-semibold text-muted">{label}</dt>
          <dd className="m-0 [overflow-wrap:anywhere]">{value ?? '—'}</dd>
        </div>
      ))}
    </dl>
  );
}
