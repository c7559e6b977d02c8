// Which Chromium the end-to-end tests drive: Debian's /usr/bin/chromium where present (this machine
// and CI), else the browser Playwright installed on a developer's laptop.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const systemCandidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export const missingBrowserMessage =
  'No Chromium found for the end-to-end tests: install one with `apt-get install chromium` (Debian/Ubuntu) or `npx playwright install chromium`.';

/** The executable to launch, `undefined` for Playwright's own, or null when there is none. */
export function findChromium(): string | undefined | null {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return existsSync(configured) ? configured : null;
  const system = systemCandidates.find((p) => existsSync(p));
  if (system) return system;
  try {
    return existsSync(chromium.executablePath()) ? undefined : null;
  } catch {
    return null;
  }
}

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
