// Private links in stored email: sealed on the way in, opened only with the right secret, hidden in bodies.
import { describe, expect, it } from 'vitest';
import { hidePrivateLinks, openPrivateLinks, sealPrivateLinks } from '@/lib/email/private-links';

const secret = 'a-test-secret-of-at-least-thirty-two-chars';
const props = { firstName: 'Olive', manageUrl: 'https://clinic.test/consult/manage/abc.DEF-123', actionUrl: 'https://clinic.test/set-password/Zz9_secret' };

describe('private links in stored email', () => {
  it('stores each link hidden and the real ones sealed, and opens them with the same secret only', () => {
    const stored = sealPrivateLinks(props, secret);
    expect(stored).toMatchObject({ firstName: 'Olive', manageUrl: 'https://clinic.test/consult/manage/private-link-hidden', actionUrl: 'https://clinic.test/set-password/private-link-hidden' });
    expect(JSON.stringify(stored)).not.toContain('abc.DEF-123');
    expect(JSON.stringify(stored)).not.toContain('Zz9_secret');
    expect(openPrivateLinks(stored, secret)).toEqual(props);
    expect(openPrivateLinks(stored, `${secret}-other`)).toBeNull();
  });

  it('hides a link of an unknown shape whole, and leaves messages without links as they are', () => {
    expect(sealPrivateLinks({ manageUrl: 'https://elsewhere.test/?k=secret' }, secret).manageUrl).toBe('private-link-hidden');
    expect(sealPrivateLinks({ reference: 'CR-1' }, secret)).toEqual({ reference: 'CR-1' });
    expect(openPrivateLinks({ reference: 'CR-1' }, secret)).toEqual({ reference: 'CR-1' });
  });

  it('refuses to open a message whose sealed links were dropped', () => {
    const dropped = { ...sealPrivateLinks(props, secret), sealedLinks: undefined };
    expect(openPrivateLinks(dropped, secret)).toBeNull();
  });

  it('hides the secret part of manage, unsubscribe and set-password links in a body', () => {
    const body = '<a href="https://c.test/consult/manage/t0k.en">x</a> https://c.test/api/unsubscribe/u.v https://c.test/set-password/Zz9';
    expect(hidePrivateLinks(body)).toBe(
      '<a href="https://c.test/consult/manage/private-link-hidden">x</a> https://c.test/api/unsubscribe/private-link-hidden https://c.test/set-password/private-link-hidden',
    );
  });
});
