// The booked consultation as an .ics file for the patient's calendar.
import { getDefaultProvider } from '@/lib/booking/queries';
import { consultationCalendarFile } from '@/lib/booking/ics';
import { getDb } from '@/db/client';
import { clinic } from '@/lib/env';
import { requestForToken } from '../../access';

export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const now = new Date();
  const summary = await requestForToken(token, now);
  const a = summary?.appointment;
  if (!summary || !a || a.status !== 'booked') {
    return new Response('This link has expired or there is no booked consultation.', { status: 404 });
  }
  const c = clinic();
  const provider = await getDefaultProvider(await getDb());
  const body = consultationCalendarFile({
    uid: `${a.id}@clinic-consult`,
    start: a.startsAt,
    end: a.endsAt,
    title: `Consultation at ${c.name}`,
    location: provider ? `${provider.locationName}, ${provider.address}` : c.address,
    description: `Reference ${summary.reference}. To change or cancel, call ${c.phone}.`,
    organizerName: c.name,
  });
  return new Response(body, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'attachment; filename="consultation.ics"',
      'Cache-Control': 'private, no-store',
      'Referrer-Policy': 'no-referrer',
    },
  });
}
