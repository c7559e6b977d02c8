// Private links in stored email (pure): a staff invite's or reset's one-time link, a patient's manage link.
// Whoever holds one can set a staff password or move a patient's consultation, so a message row never holds
// one readable: enqueueing keeps only the link's shape ("…/consult/manage/private-link-hidden") in the props,
// and the real links sealed (AES-256-GCM under a key derived from AUTH_SECRET) in `sealedLinks`. The worker
// opens them only to send, stores the sent body with them hidden, and drops the sealed copy when the message
// can no longer go out. Unsubscribe links are never stored: the worker signs them when it renders.
import { seal, unseal, type Secrets } from '@/lib/security/tokens';
import type { EmailProps } from './outbox';

/** The props that carry a private link. */
export const PRIVATE_PROPS = ['manageUrl', 'actionUrl'] as const;
type PrivateProp = (typeof PRIVATE_PROPS)[number];
type PrivateLinks = Partial<Record<PrivateProp, string>>;

/** Where the secret part of a private link was. */
export const HIDDEN_LINK_TOKEN = 'private-link-hidden';

const SEAL_LABEL = 'email-private-links';

/**
 * A body or link with the secret part of every private link replaced: patients' manage and unsubscribe links,
 * staff set-password links. Staff reading a message see the link's place, never the key (pure).
 */
export function hidePrivateLinks(body: string): string {
  return body.replace(/(\/(?:consult\/manage|unsubscribe|api\/unsubscribe|set-password)\/)[A-Za-z0-9._~%-]+/g, `$1${HIDDEN_LINK_TOKEN}`);
}

/** Props as they are stored: each private link hidden, the real ones sealed beside them. */
export function sealPrivateLinks(props: EmailProps, secret: string): EmailProps {
  const links: PrivateLinks = {};
  const stored: EmailProps = { ...props };
  for (const key of PRIVATE_PROPS) {
    const value = props[key];
    if (!value) continue;
    links[key] = value;
    const hidden = hidePrivateLinks(value);
    // A link of a shape we do not know is hidden whole.
    stored[key] = hidden === value ? HIDDEN_LINK_TOKEN : hidden;
  }
  if (Object.keys(links).length === 0) return stored;
  return { ...stored, sealedLinks: seal(secret, SEAL_LABEL, links) };
}

/** Whether stored props had private links (sealed now, or already dropped). */
export function hasPrivateLinks(props: EmailProps): boolean {
  return PRIVATE_PROPS.some((key) => Boolean(props[key])) || Boolean(props.sealedLinks);
}

/**
 * The props to send with: the real links back in place. Null when the message had private links and they
 * cannot be opened (dropped after a final failure, or sealed under another AUTH_SECRET): it must not go out
 * with a hidden link in it. `secrets`: the ones accepted (authSecrets(): links sealed before a rotation open
 * while AUTH_SECRET_PREVIOUS is set).
 */
export function openPrivateLinks(props: EmailProps, secrets: Secrets): EmailProps | null {
  const { sealedLinks, ...rest } = props;
  if (!hasPrivateLinks(props)) return rest;
  if (!sealedLinks) return null;
  const links = unseal<PrivateLinks>(secrets, SEAL_LABEL, sealedLinks);
  return links ? { ...rest, ...links } : null;
}
