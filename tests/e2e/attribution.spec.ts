// Where a request came from, with no cookie on the public pages (they are cached by a shared proxy): a reader who
// lands on a guide page from a campaign link and follows its call to action is stored with that page, the
// campaign and the guide page's slug; another site linking straight to the form is stored as the referrer.
import { expect as baseExpect, test } from '@playwright/test';
import { newPatient, requestCallBack } from './support/patient';
import { signInAs } from '../support/staff';

// A whole request and a staff sign-in on a two-core machine that also runs the server.
const expect = baseExpect.configure({ timeout: 15_000 });

test.describe('first-touch attribution without a cookie', () => {
  test('a campaign link to a guide page, then its call to action: the page, the campaign and the slug are stored', async ({ browser }) => {
    test.slow();
    const patient = newPatient('attribution');
    await requestCallBack(browser, patient, async (page) => {
      const landing = (await page.goto('/guide/recovery?utm_source=newsletter&utm_medium=email&utm_campaign=spring&email=x%40example.com'))!;
      expect(landing.headers()['set-cookie']).toBeUndefined();
      await page.getByRole('main').getByRole('link', { name: 'Request a consultation' }).click();
      await expect(page).toHaveURL('/consult?from=recovery');
      expect(await page.context().cookies()).toEqual([]);
    });

    const staff = await (await browser.newContext()).newPage();
    await signInAs(staff, 'staff', `/dashboard?q=${encodeURIComponent(patient.last)}`);
    await staff.getByRole('link', { name: patient.fullName }).click();
    const fact = (label: string) => staff.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]');
    await expect(fact('First page')).toHaveText('recovery');
    // The campaign parameters of the page before the form, and nothing else of its address.
    await expect(fact('Landed on')).toHaveText('/guide/recovery?utm_source=newsletter&utm_medium=email&utm_campaign=spring');
    await expect(fact('Referrer')).toHaveText('—');
    await expect(fact('Campaign')).toHaveText('newsletter / email / spring');
  });

  test('another site linking straight to the form: its address (no query) is the referrer, the form the landing page', { tag: '@api' }, async ({ request }) => {
    const response = await request.get('/consult?utm_source=partner', { headers: { referer: 'https://news.example/story/back-pain?id=42' } });
    expect(response.headers()['set-cookie']).toBeUndefined();
    const html = await response.text();
    const hidden = Object.fromEntries([...html.matchAll(/<input type="hidden" name="([a-z_]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    expect(hidden).toMatchObject({ landing: '/consult?utm_source=partner', referrer: 'https://news.example/story/back-pain', utm_source: 'partner' });
  });
});
