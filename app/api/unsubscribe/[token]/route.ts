// List-Unsubscribe target: POST is the mail client's one-click unsubscribe; GET (a person clicking) shows the page.
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { emailFromUnsubscribeToken, unsubscribe } from '@/lib/email/unsubscribe';
import { CROSS_SITE_REFUSED, isSameOriginPost } from '@/lib/http/origin';

type Ctx = { params: Promise<{ token: string }> };

export async function POST(request: Request, { params }: Ctx) {
  // A mail provider's one-click POST carries no Origin; a browser sent here by another site does.
  if (!isSameOriginPost((name) => request.headers.get(name))) return CROSS_SITE_REFUSED();
  const { token } = await params;
  const now = new Date();
  const email = emailFromUnsubscribeToken(token, now);
  if (!email) return Response.json({ error: 'invalid_link' }, { status: 400 });
  await unsubscribe(await getDb(), email, now);
  return Response.json({ status: 'unsubscribed' });
}

export async function GET(_request: Request, { params }: Ctx) {
  redirect(`/unsubscribe/${(await params).token}`);
}
