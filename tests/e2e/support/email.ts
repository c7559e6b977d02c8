// The fake Resend's inbox, as the e2e tests read it: every message the e2e server sent, through the real SDK.
// The one way e2e specs wait for an email.
import { expect, type Page } from '@playwright/test';
import { E2E_FAKE_RESEND_PORT } from '../../support/e2e-server-config';

export type InboxMessage = {
  to: string[] | string;
  subject: string;
  html: string | null;
  text: string | null;
  headers: Record<string, string>;
  attachments: { filename: string | null }[];
};

/** Which message: a subject pattern, or a test of the whole message. */
export type EmailMatch = RegExp | ((message: InboxMessage) => boolean);

export type WaitOptions = {
  timeout?: number;
  /** How often to ask the fake (Playwright's default back-off when unset). */
  intervals?: number[];
  /** Of several matching messages, the newest (a second reset link supersedes the first); else the first. */
  newest?: boolean;
};

/** Waits for a message to `to` that matches (the outbox worker sends it a moment after the change). */
export async function waitForEmail(page: Page, to: string, match: EmailMatch, { timeout = 20_000, intervals, newest = false }: WaitOptions = {}): Promise<InboxMessage> {
  const matches = typeof match === 'function' ? match : (m: InboxMessage) => match.test(m.subject);
  let found: InboxMessage | undefined;
  await expect
    .poll(
      async () => {
        const res = await page.request.get(`http://127.0.0.1:${E2E_FAKE_RESEND_PORT}/_fake/messages?to=${encodeURIComponent(to)}`);
        const all = ((await res.json()) as InboxMessage[]).filter(matches);
        found = newest ? all.at(-1) : all[0];
        return Boolean(found);
      },
      { timeout, ...(intervals ? { intervals } : {}) },
    )
    .toBe(true);
  return found!;
}
