// The private links sealed in a stored message's props, opened as the worker opens them (tests only: a test
// that follows the link a person would get needs it; nothing else in the product reads them).
import { authSecret } from '@/lib/env';
import type { EmailProps } from '@/lib/email/outbox';
import { openPrivateLinks } from '@/lib/email/private-links';

export function linksIn(props: Record<string, unknown>): EmailProps {
  const opened = openPrivateLinks(props as EmailProps, authSecret());
  if (!opened) throw new Error('the message has private links that cannot be opened');
  return opened;
}
