// The dashboard's system-health banner (lib/ops/banner): shown only when a threshold is crossed. Admins read
// each problem and a link to the health view; front-desk staff, who cannot fix it, a shorter line saying what
// it means for their day. The state is a word as well as a colour.
import Link from 'next/link';
import type { Banner } from '@/lib/ops/banner';

const STYLE = { red: 'border-danger bg-danger-soft', amber: 'border-[#b7791f] bg-[#fff4d6]' } as const;

export function HealthBanner({ banner, admin }: { banner: NonNullable<Banner>; admin: boolean }) {
  const word = banner.state === 'red' ? 'System problem' : 'System warning';
  return (
    <div className={`border-b-4 ${STYLE[banner.state]}`} data-health-banner={banner.state}>
      <div className="mx-auto max-w-7xl px-4 py-2">
        {admin ? (
          <p className="m-0">
            <strong>{word}:</strong> {banner.titles.join('; ')}. <Link href="/dashboard/health">See system health and what to do</Link>
          </p>
        ) : (
          <p className="m-0">
            <strong>{word}:</strong> some emails to patients may be late or missing. The admins have been told; if a patient says they had
            no confirmation or reminder, give them the details by phone.
          </p>
        )}
      </div>
    </div>
  );
}
