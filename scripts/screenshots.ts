// Screenshots of pages at a phone and a desktop width, to look at what we build:
//   npx tsx scripts/screenshots.ts http://localhost:3000 / /guide /privacy   → screenshots/*.png
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { chromiumArgs, findChromium, missingBrowserMessage } from '../tests/support/browser';

const widths = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 900 },
];

async function main() {
  const [base, ...paths] = process.argv.slice(2);
  if (!base || paths.length === 0) throw new Error('usage: tsx scripts/screenshots.ts BASE_URL PATH...');
  const executablePath = findChromium();
  if (executablePath === null) throw new Error(missingBrowserMessage);
  mkdirSync('screenshots', { recursive: true });
  const browser = await chromium.launch({ executablePath, args: chromiumArgs });
  for (const w of widths) {
    const page = await browser.newPage({ viewport: { width: w.width, height: w.height }, deviceScaleFactor: 1 });
    for (const p of paths) {
      await page.goto(new URL(p, base).toString(), { waitUntil: 'networkidle' });
      const file = `screenshots/${p.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'home'}-${w.name}.png`;
      // A long page is cut into screen-high parts, so each picture stays readable.
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      const parts = Math.min(Math.ceil(height / w.height), Number(process.env.MAX_PARTS ?? 12));
      for (let i = 0; i < parts; i++) {
        const name = parts === 1 ? file : file.replace(/\.png$/, `-${i + 1}.png`);
        await page.screenshot({
          path: name,
          fullPage: true,
          clip: { x: 0, y: i * w.height, width: w.width, height: Math.min(w.height, height - i * w.height) },
        });
        console.info(name);
      }
    }
    await page.close();
  }
  await browser.close();
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
