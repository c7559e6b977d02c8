// The fake Resend's inbox, as the e2e tests read it: every message the e2e server sent, through the real SDK.
import { expect, type Page } from '@playwright/test';
import { E2E_FAKE_RESEND_PORT } from './e2e-server-config';

export type InboxMessage = {
  to: string[] | string;
  subject: string;
  html: string | null;
  text: string | null;
  headers: Record<string, string>;
  attachments: { filename: string | null }[];
};

/** Waits for a message to `to` whose subject matches (the outbox worker sends it a moment after the change). */
export async function waitForEmail(page: Page, to: string, subject: RegExp, { timeout = 20_000 } = {}): Promise<InboxMessage> {
  let found: InboxMessage | undefined;
  await expect
    .poll(
      async () => {
        const res = await page.request.get(`http://127.0.0.1:${E2E_FAKE_RESEND_PORT}/_fake/messages?to=${encodeURIComponent(to)}`);
        found = ((await res.json()) as InboxMessage[]).find((m) => subject.test(m.subject));
        return Boolean(found);
      },
      { timeout },
    )
    .toBe(true);
  return found!;
}
