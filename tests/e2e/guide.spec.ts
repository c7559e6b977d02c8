import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { EMERGENCY_BACK_PAIN_SIGNS, EMERGENCY_HEADING, EMERGENCY_OTHER_SIGNS } from '@/components/care-card';
import { estimates, glossary } from '@/lib/content/glossary';
import { listGuidePages } from '@/lib/content/guide';
import { references } from '@/lib/content/references';

// The address the e2e server was built for (APP_URL: canonical links, the sitemap), whatever port it runs on.
const origin = `http://localhost:${process.env.E2E_PORT ?? 3210}`;

const pages = listGuidePages();
const AXE_ON_PHONE = new Set(['risks-and-outcomes', 'common-procedures', 'faq']);

test.describe('the spinal surgery guide', () => {
  test('the hub lists every page and offers a consultation and a phone number', async ({ page }) => {
    await page.goto('/guide');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Spinal surgery guide');
    for (const p of pages) {
      await expect(page.getByRole('link', { name: p.navTitle, exact: true })).toHaveAttribute('href', `/guide/${p.slug}`);
    }
    await expect(page.getByRole('main').getByRole('link', { name: 'Request a consultation' })).toHaveAttribute('href', '/consult?from=guide');
    await expect(page.getByRole('link', { name: 'Sources', exact: true })).toHaveAttribute('href', '/guide/references');
    await expect(page.getByRole('link', { name: 'Words explained', exact: true })).toHaveAttribute('href', '/guide/glossary');
    await expect(page.getByText('Every figure links to its source.')).toBeVisible();
    const ld = await jsonLd(page);
    expect(ld.map((d) => d['@type'])).toContain('MedicalClinic');
  });

  for (const p of pages) {
    // A page's structure is the same HTML at any width: checked once, at desktop size (@once).
    test(`${p.slug}: one h1, contents, citations, call to action and structured data`, { tag: '@once' }, async ({ page }) => {
      const response = await page.goto(`/guide/${p.slug}`);
      expect(response?.status()).toBe(200);
      await expect(page).toHaveTitle(`${p.title} – Stem Cell Institute`);
      await expect(page.locator('h1')).toHaveCount(1);
      await expect(page.locator('h1')).toHaveText(p.title);
      await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', `${origin}/guide/${p.slug}`);
      await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', p.title);
      await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', p.description);

      // Breadcrumbs, disclaimer and review information.
      await expect(page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Spinal surgery guide' })).toBeVisible();
      await expect(page.getByText('It does not replace a talk with your own doctor.')).toBeVisible();
      await expect(page.getByText('Page last reviewed:')).toBeVisible();
      await expect(page.getByText(/by Dr\. Marc Darrow, MD/)).toBeVisible();

      // Every contents link lands on a heading of the page.
      const anchors = await page.getByRole('navigation', { name: 'On this page' }).getByRole('link').evaluateAll((links) =>
        links.map((a) => (a as HTMLAnchorElement).hash.slice(1)),
      );
      expect(anchors.length).toBe(p.headings.filter((h) => h.level === 2).length);
      for (const id of anchors) await expect(page.locator(`[id="${id}"]`)).toHaveCount(1);

      // Every citation links to a reference that exists.
      const cites = await page.locator('sup.cite a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      expect(new Set(cites)).toEqual(new Set(p.citations.map((n) => `/guide/references#ref-${n}`)));

      // The call to action carries this page's slug to the consultation form.
      await expect(page.getByRole('main').getByRole('link', { name: 'Request a consultation' })).toHaveAttribute('href', `/consult?from=${p.slug}`);

      const ld = await jsonLd(page);
      const article = ld.find((d) => d['@type'] === 'MedicalWebPage');
      expect(article).toMatchObject({ name: p.title, lastReviewed: p.lastReviewed, url: `${origin}/guide/${p.slug}` });
      expect((article?.citation as unknown[]).length).toBe(p.citations.length);
      if (p.slug === 'faq') {
        const faq = ld.find((d) => d['@type'] === 'FAQPage');
        expect((faq?.mainEntity as unknown[]).length).toBeGreaterThanOrEqual(5);
      }
    });

    // Axe at phone size too for the pages with tables and the longest ones (target sizes, reflow); the rest once.
    test(`${p.slug}: no accessibility violations (axe, WCAG 2.2 AA)`, { tag: AXE_ON_PHONE.has(p.slug) ? [] : '@once' }, async ({ page }) => {
      await page.goto(`/guide/${p.slug}`);
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
        .analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`)).toEqual([]);
    });
  }

  test('the sources page lists every source, says what kind it is, and links to each', async ({ page }) => {
    await page.goto('/guide/references');
    for (const r of references) {
      const item = page.locator(`#ref-${r.n}`);
      await expect(item).toContainText(r.title);
      await expect(item).toContainText(r.design);
      await expect(item).toContainText({ study: 'Research paper', news: 'News article', 'patient-information': 'Patient information page' }[r.kind]);
      if (r.doi) await expect(item.getByRole('link', { name: /Read the paper/ })).toHaveAttribute('href', `https://doi.org/${r.doi}`);
      if (r.pmid) await expect(item.getByRole('link', { name: new RegExp(`Find it on PubMed \\(id ${r.pmid}\\)`) })).toHaveAttribute('href', `https://pubmed.ncbi.nlm.nih.gov/${r.pmid}/`);
      if (!r.doi && !r.pmid) await expect(item.getByRole('link').first()).toHaveAttribute('href', r.url!);
    }
    for (const e of estimates) await expect(page.locator(`#estimate-${e.id}`)).toContainText(e.note);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });

  test('an estimate marker takes the reader to the note saying why there is no single source', async ({ page }) => {
    await page.goto('/guide/risks-and-outcomes');
    await page.getByRole('link', { name: 'Estimate: no single study gives this figure' }).first().click();
    await expect(page).toHaveURL('/guide/references#estimate-failed-surgery');
    await expect(page.locator('#estimate-failed-surgery')).toBeInViewport();
  });

  test('the glossary explains every term, and a page links a term to its entry', async ({ page }) => {
    await page.goto('/guide/glossary');
    await expect(page.locator('h1')).toHaveText('Words explained – Spinal surgery guide');
    for (const g of glossary) {
      await expect(page.locator(`[id="${g.id}"] dt`)).toHaveText(g.term);
      await expect(page.locator(`[id="${g.id}"] dd`)).toHaveText(g.definition);
    }
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);

    await page.goto('/guide/fear-of-movement');
    await page.getByRole('link', { name: 'randomized controlled trial (glossary)' }).click();
    await expect(page).toHaveURL('/guide/glossary#randomized-controlled-trial');
    await expect(page.locator('[id="randomized-controlled-trial"]')).toBeInViewport();
  });

  test('every page with an emergency shows the same care card, word for word, with no links', async ({ page }) => {
    const withCard = pages.filter((p) => p.body.includes('<EmergencyCard />'));
    expect(withCard.map((p) => p.slug)).toEqual(
      expect.arrayContaining(['when-surgery-is-considered', 'risks-and-outcomes', 'recovery', 'non-surgical-options', 'key-takeaways']),
    );
    const texts = new Set<string>();
    for (const p of [...withCard.map((x) => `/guide/${x.slug}`), '/guide']) {
      await page.goto(p);
      const card = page.getByRole('region', { name: `Immediate action required: ${EMERGENCY_HEADING}` });
      await expect(card, p).toHaveCount(1);
      await expect(card.getByRole('heading')).toHaveText(`Immediate action required: ${EMERGENCY_HEADING}`);
      for (const sign of [...EMERGENCY_BACK_PAIN_SIGNS, ...EMERGENCY_OTHER_SIGNS]) await expect(card.getByText(sign, { exact: true })).toBeVisible();
      await expect(card.getByRole('link')).toHaveCount(0);
      texts.add(await card.innerText());
    }
    expect(texts.size).toBe(1);
  });

  test('a citation takes the reader to its reference', async ({ page }) => {
    await page.goto('/guide/risks-and-outcomes');
    await page.locator('sup.cite a[href="/guide/references#ref-8"]').first().click();
    await expect(page).toHaveURL('/guide/references#ref-8');
    await expect(page.locator('#ref-8')).toBeInViewport();
  });

  test('previous and next links walk the guide in order', async ({ page }) => {
    await page.goto(`/guide/${pages[0]!.slug}`);
    for (const next of pages.slice(1, 4)) {
      await page.getByRole('navigation', { name: 'Guide pages' }).getByRole('link', { name: new RegExp(`Next ${next.navTitle}`) }).click();
      await expect(page.locator('h1')).toHaveText(next.title);
    }
  });

  test('the emergency signs say to call 911, not to book', async ({ page }) => {
    await page.goto('/guide/when-surgery-is-considered');
    const card = page.getByRole('region', { name: /Immediate action required/ });
    await expect(card).toContainText('Call 911');
    await expect(card.getByRole('link')).toHaveCount(0);
  });

  test('articles are complete without JavaScript', { tag: '@once' }, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/guide/recovery');
    await expect(page.locator('h1')).toHaveText(pages.find((p) => p.slug === 'recovery')!.title);
    await expect(page.getByRole('main').getByRole('link', { name: 'Request a consultation' })).toBeVisible();
    await context.close();
  });

  test('a phone 320 px wide never scrolls sideways, and text survives 200% zoom', { tag: '@once' }, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    for (const p of ['/guide', '/guide/risks-and-outcomes', '/guide/references', '/guide/glossary']) {
      await page.goto(p);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    }
    // 200% zoom on a 640 px desktop window is the same CSS width as 320 px: checked above. Also check real zoom:
    await context.close();
    const zoomed = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 });
    const zp = await zoomed.newPage();
    await zp.goto('/guide/risks-and-outcomes');
    await zp.evaluate(() => {
      document.documentElement.style.fontSize = '200%';
    });
    expect(await zp.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await zoomed.close();
  });

  test('the sitemap lists every guide page and robots.txt points to it', { tag: '@api' }, async ({ request }) => {
    const sitemap = await (await request.get('/sitemap.xml')).text();
    for (const p of pages) expect(sitemap).toContain(`<loc>${origin}/guide/${p.slug}</loc>`);
    expect(sitemap).toContain(`<loc>${origin}/guide/references</loc>`);
    expect(sitemap).toContain(`<loc>${origin}/guide/glossary</loc>`);
    const robots = await (await request.get('/robots.txt')).text();
    expect(robots).toContain(`Sitemap: ${origin}/sitemap.xml`);
    expect(robots).toContain('Disallow: /dashboard');
  });
});

async function jsonLd(page: import('@playwright/test').Page): Promise<Record<string, unknown>[]> {
  const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
  return blocks.map((b) => JSON.parse(b) as Record<string, unknown>);
}
