import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs, findChromium, missingBrowserMessage } from './tests/support/browser';

const executablePath = findChromium();
if (executablePath === null) {
  // One clear line instead of Playwright's long download advice.
  console.error(missingBrowserMessage);
  process.exit(1);
}

const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://localhost:${port}`;
const launchOptions = { executablePath, args: chromiumArgs };
// The e2e server trusts one proxy hop, as behind a load balancer: each project's browsers come from an address
// of their own (a documentation range), so one project's deliberate wrong passwords never throttle another's.
const from = (n: number) => ({ 'X-Forwarded-For': `192.0.2.${n}` });

export default defineConfig({
  testDir: 'tests/e2e',
  // Its own folder: Playwright empties outputDir at start, and test-results/ also holds the Vitest reports.
  outputDir: process.env.E2E_OUTPUT_DIR ?? 'test-results/e2e-artifacts',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  timeout: 30_000,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL,
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  // Patients' pages run at desktop and phone sizes; the staff dashboard at desktop, and its three busiest pages
  // (the journey, the inbox, a lead) at tablet size too (front desks use both). What does not depend on the screen
  // runs once, at desktop size: tests that only call the server (tagged @api), tests tagged @once (a page's
  // structure, what reaches the database), the access walk, and the pages submitted with JavaScript off. This
  // keeps the suite inside CI's time budget. One production build and one server serve every project.
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], launchOptions, extraHTTPHeaders: from(1) } },
    {
      name: 'phone',
      testIgnore: [/dashboard-.*\.spec\.ts/, /no-javascript\.spec\.ts/, /logs\.spec\.ts/],
      grepInvert: /@api|@once/,
      use: { ...devices['Pixel 7'], launchOptions, extraHTTPHeaders: from(2) },
    },
    {
      name: 'tablet',
      testMatch: /dashboard-(journey|inbox|lead)\.spec\.ts/,
      grepInvert: /@api|@once/,
      use: { viewport: { width: 768, height: 1024 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, browserName: 'chromium', launchOptions, extraHTTPHeaders: from(3) },
    },
  ],
  webServer: {
    command: 'npx tsx tests/support/e2e-server.ts',
    url: `${baseURL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    env: { E2E_PORT: String(port) },
  },
});
