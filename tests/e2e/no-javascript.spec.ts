// Every form in the product, submitted with JavaScript off: the patient's consultation form step by step,
// the private links (manage, unsubscribe, set-password), signing in and out, and every dashboard form. Each
// is sent as a plain HTML form and must show its intended result; a form that validates is refused once,
// with the message at the field and what was typed kept.
//
// Also, on every page with a form: no referrer policy that makes the browser send `Origin: null` with the
// page's own posts (Next.js refuses those), and, after each test, that no form post the browser made had
// `Origin: null`. A post from another site, or with `Origin: null`, gets the product's problem page with a
// reference; so does an action that really fails (the e2e server refuses to save patients at
// FAULT_EMAIL_DOMAIN: see tests/support/e2e-server.ts). Never the bare "Internal Server Error".
//
// Desktop size only (playwright.config.ts): nothing here depends on the screen. Each test makes its own
// patients and accounts, so it never meets another spec's data; the demo logins are only signed in with.
import { expect as baseExpect, test, type Browser, type Locator, type Page, type Request, type Response } from '@playwright/test';
import { FAULT_EMAIL_DOMAIN, REJECTED_EMAIL_DOMAIN } from '../support/e2e-server-config';
import { answerWarningSigns, askToBeCalled, fillDetails, fillPain, newPatient, PAIN_MESSAGE, requestCallBack } from './support/patient';
import { DEMO_PASSWORD, signInAs, STAFF_LOGINS } from '../support/staff';
import { waitForEmail } from './support/email';
import { enterRecoveryCode, setUpAuthenticatorApp } from '../support/mfa';

test.use({ javaScriptEnabled: false });

// Every submit is a whole page load rendered by the server, on a two-core machine shared with other tests.
const expect = baseExpect.configure({ timeout: 15_000 });

const CLINIC_TIME_ZONE = 'America/Los_Angeles';
const PROBLEM_HEADING = 'Sorry, that did not work';

// Consultation slots are picked by index in the list the page offers. tests/e2e/consult.spec.ts uses 0, 5 and
// 10 (and 35 up on the phone): these stay in 20–30 and apart from each other, so no two tests want one time.
const SLOTS = { patientBooks: 20, patientMovesTo: 23, staffBooks: 27, staffMovesTo: 30 } as const;

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

// ---------------------------------------------------------------- pages, and what the browser sent

type Watch = { document: Response | null };
const watches = new WeakMap<Page, Watch>();
type FormPost = { url: string; origin: Promise<string | null> };
/** Form posts the browser made (navigations with POST) during the current test, with the Origin they carried. */
let formPosts: FormPost[] = [];

/** The Origin header a request was sent with (read at once: the page may be closed before the test ends). */
function originOf(request: Request): Promise<string | null> {
  const early = request.headers().origin ?? null;
  return request.headerValue('origin').catch(() => early);
}

/** Remembers the page's latest document response and every form post it makes. */
function watch(page: Page): Page {
  const w: Watch = { document: null };
  page.on('response', (response) => {
    const request = response.request();
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) w.document = response;
  });
  page.on('request', (request) => {
    if (request.isNavigationRequest() && request.method() === 'POST') formPosts.push({ url: request.url(), origin: originOf(request) });
  });
  watches.set(page, w);
  return page;
}

/** A new browser (its own cookies), with JavaScript off like the test's own page. */
async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  return watch(await context.newPage());
}

test.beforeEach(({ page }) => {
  watch(page);
});

test.afterEach(async () => {
  const posts = formPosts;
  formPosts = [];
  // Every form the browser posted carried the page's own origin: never `null`, never missing.
  for (const post of posts) {
    expect(await post.origin, `Origin of the form post to ${post.url}`).toBe(new URL(post.url).origin);
  }
});

/**
 * The page does not set a referrer policy that blanks Origin: with `no-referrer` (or its old name `never`)
 * a browser sends `Origin: null` with the page's own form posts, and the server must refuse them.
 */
async function expectOriginKept(page: Page): Promise<void> {
  const response = watches.get(page)?.document;
  expect(response, `no document response seen for ${page.url()}`).toBeTruthy();
  expect(response!.url()).toBe(page.url());
  const header = (await response!.headerValue('referrer-policy')) ?? '';
  const headerPolicies = header.split(',').map((token) => token.trim().toLowerCase());
  expect(headerPolicies, `Referrer-Policy of ${page.url()}`).not.toContain('no-referrer');
  const metaPolicies: string[] = [];
  for (const meta of await page.locator('meta[name="referrer" i]').all()) {
    metaPolicies.push(((await meta.getAttribute('content')) ?? '').trim().toLowerCase());
  }
  expect(metaPolicies, `<meta name="referrer"> of ${page.url()}`).not.toContain('no-referrer');
  expect(metaPolicies, `<meta name="referrer"> of ${page.url()}`).not.toContain('never');
}

/** A private link's page: its address never leaves the site, and Origin still goes with its own posts. */
async function expectPrivatePagePolicy(page: Page): Promise<void> {
  await expectOriginKept(page);
  await expect(page.locator('meta[name="referrer"]')).toHaveAttribute('content', 'same-origin');
}

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The message is shown at the field itself (read out with it), not only in the summary. */
async function expectFieldError(field: Locator, message: string): Promise<void> {
  await expect(field).toHaveAccessibleDescription(new RegExp(escapeRegExp(message)));
}

/** The error summary of a form: "There is a problem", then one line per problem. */
const problems = (scope: Page | Locator) => scope.getByRole('alert').filter({ hasText: 'There is a problem' });

// ---------------------------------------------------------------- the problem page

/** The form's fields as the browser would post them (checked boxes only), for posting it by hand. */
async function formFields(form: Locator): Promise<FormData> {
  const data = new FormData();
  for (const field of await form.locator('input[name], select[name], textarea[name]').all()) {
    const name = (await field.getAttribute('name'))!;
    const type = ((await field.getAttribute('type')) ?? '').toLowerCase();
    if (type === 'checkbox' || type === 'radio') {
      if (await field.isChecked()) data.append(name, (await field.getAttribute('value')) ?? 'on');
    } else {
      data.append(name, await field.inputValue());
    }
  }
  return data;
}

/**
 * Posts the page's form as that form would be posted, but with this Origin, and checks it is refused: a 303 to
 * the problem page whose reference is the response's X-Request-Id. Returns where it leads.
 */
async function postRefused(page: Page, form: Locator, origin: string): Promise<{ location: URL; requestId: string }> {
  const target = new URL((await form.getAttribute('action')) || page.url(), page.url()).toString();
  const response = await page.request.post(target, { headers: { origin }, multipart: await formFields(form), maxRedirects: 0 });
  expect(response.status(), `a post from Origin ${origin}`).toBe(303);
  expect(await response.text()).not.toContain('Internal Server Error');
  const requestId = response.headers()['x-request-id'] ?? '';
  expect(requestId).toMatch(/^[A-Za-z0-9._-]{8,64}$/);
  const location = new URL(response.headers().location ?? '', page.url());
  expect(location.pathname).toBe('/problem');
  expect(location.searchParams.get('why')).toBe('refused');
  expect(location.searchParams.get('ref')).toBe(requestId);
  return { location, requestId };
}

/** The product's own page for a refused or failed action: what happened, what to do, whom to call, the reference. */
async function expectProblemPage(page: Page, reason: 'refused' | 'failed', requestId: string): Promise<void> {
  await expect(h1(page)).toHaveText(PROBLEM_HEADING);
  const url = new URL(page.url());
  expect(url.pathname).toBe('/problem');
  expect(url.searchParams.get('why')).toBe(reason);
  expect(url.searchParams.get('ref')).toBe(requestId);
  await expect(page.getByRole('main')).toContainText(
    reason === 'refused' ? 'We could not accept the form you sent, so nothing has been sent or changed.' : 'Something went wrong on our side',
  );
  const call = page.getByText(/call us on/);
  await expect(call).toContainText('We can help you by phone.');
  await expect(call.getByRole('link')).toHaveAttribute('href', /^tel:\+?\d+$/);
  await expect(page.getByText('If you call, you can tell us this reference')).toContainText(requestId);
  expect(await page.content()).not.toContain('Internal Server Error');
}

// ---------------------------------------------------------------- the fake Resend inbox

const pathOf = (link: string) => new URL(link).pathname;

// ---------------------------------------------------------------- the consultation form

/** A free time from the list the page offers, by index: its value and the words shown for it (the clinic's time, "9:00am Pacific": the patient's own is on a line beneath). */
async function pickSlot(scope: Locator, index: number): Promise<{ value: string; time: string; day: string }> {
  const radio = scope.locator('input[name="slot"]:not([value="call"])').nth(index);
  const value = (await radio.getAttribute('value'))!;
  const time = (await scope.locator(`label[for="${await radio.getAttribute('id')}"]`).innerText()).split('\n')[0]!;
  const day = await radio.locator('xpath=ancestor::fieldset[1]/legend').innerText();
  await radio.check();
  return { value, time, day };
}

/** Submits with the button and returns the POST's response (the form posts itself: no JavaScript). */
async function submitAndCatchPost(page: Page, button: Locator): Promise<Response> {
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()), button.click()]);
  return response;
}

test.describe('a patient, with JavaScript off', () => {
  test('the consultation form books a time step by step; the private link moves it, and cancels it', async ({ page }) => {
    test.setTimeout(150_000);
    const p = newPatient('nojs');

    // The start page: "Start now" keeps a draft, and "Start again with an empty form" throws it away.
    await page.goto('/consult?from=recovery');
    await expectOriginKept(page);
    await page.getByRole('button', { name: /Start now/ }).click();
    await expect(h1(page)).toHaveText('Your contact details');
    await page.goto('/consult');
    await expectOriginKept(page);
    await expect(page.getByRole('button', { name: /Continue your request/ })).toBeVisible();
    await page.getByRole('button', { name: 'Start again with an empty form' }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/consult');
    await expect(page.getByRole('button', { name: 'Start again with an empty form' })).toHaveCount(0);
    await page.getByRole('button', { name: /Start now/ }).click();

    // Details, refused once: a message at each field, what was typed kept.
    await expect(h1(page)).toHaveText('Your contact details');
    await expectOriginKept(page);
    await page.getByLabel('First name').fill(p.first);
    await page.getByLabel('Email address').fill('not-an-email');
    await page.getByRole('button', { name: 'Continue' }).click();
    const summary = problems(page);
    await expect(summary.getByRole('link', { name: 'Enter your last name' })).toBeVisible();
    await expect(summary.getByRole('link', { name: 'Enter an email address in the correct format, like name@example.com' })).toBeVisible();
    await expectFieldError(page.getByLabel('Last name'), 'Enter your last name');
    await expectFieldError(page.getByLabel('Email address'), 'Enter an email address in the correct format');
    await expect(page.getByLabel('First name')).toHaveValue(p.first);
    await expect(page.getByLabel('Email address')).toHaveValue('not-an-email');
    await expectOriginKept(page);
    await fillDetails(page, p);
    await page.getByRole('button', { name: 'Continue' }).click();

    await answerWarningSigns(page);
    await expectOriginKept(page);
    await page.getByRole('button', { name: 'Continue' }).click();

    await fillPain(page);
    await expectOriginKept(page);
    await page.getByRole('button', { name: 'Continue' }).click();

    await expect(h1(page)).toHaveText('Choose a time for your consultation');
    await expectOriginKept(page);
    const booked = await pickSlot(page.locator('form'), SLOTS.patientBooks);
    await page.getByRole('button', { name: 'Continue' }).click();

    // Check and send: refused once without the agreements, every answer still there.
    await expect(h1(page)).toHaveText('Check your answers before sending your request');
    await expectOriginKept(page);
    await expect(page.getByText(`${booked.day}, ${booked.time}`)).toBeVisible();
    await page.getByRole('button', { name: 'Accept and send' }).click();
    await expect(problems(page)).toContainText('Confirm we can contact you about your request');
    await expect(page.getByText(p.email)).toBeVisible();
    await expect(page.getByText(`${booked.day}, ${booked.time}`)).toBeVisible();
    await page.getByLabel(/can contact me about this request/).check();
    await page.getByLabel(/I have read the/).check();
    await page.getByRole('button', { name: 'Accept and send' }).click();

    await expect(h1(page)).toHaveText('Consultation booked');
    await expect(page.getByText(`${booked.day}, ${booked.time}`)).toBeVisible();

    // The private link: change the time (refused once with nothing chosen), then cancel.
    await page.getByRole('link', { name: 'View, change or cancel your request' }).click();
    await expect(h1(page)).toHaveText('Your consultation');
    await expectPrivatePagePolicy(page);
    const manage = page.url();
    await page.getByRole('link', { name: 'Change the time' }).click();
    await expect(h1(page)).toHaveText('Choose a new time');
    await expectPrivatePagePolicy(page);
    await page.getByRole('button', { name: 'Move my consultation' }).click();
    await expect(problems(page).getByRole('link', { name: 'Choose a new time' })).toBeVisible();
    await expect(page.getByLabel('Call me to arrange a time')).toHaveCount(0);
    await expectPrivatePagePolicy(page);
    const moved = await pickSlot(page.locator('form'), SLOTS.patientMovesTo);
    expect(moved.value).not.toBe(booked.value);
    await page.getByRole('button', { name: 'Move my consultation' }).click();
    await expect(page.getByRole('status')).toHaveText('Your consultation has been moved. We will email you the new time.');
    await expect(page.getByRole('main')).toContainText(moved.time);
    expect(new URL(page.url()).pathname).toBe(new URL(manage).pathname);

    await page.getByRole('link', { name: 'Cancel this consultation' }).click();
    await expect(h1(page)).toHaveText('Are you sure you want to cancel your consultation?');
    await expectPrivatePagePolicy(page);

    // Posted from another site (or with Origin null) the cancel form is refused, and the private link is not
    // carried in the problem page's address; nothing is cancelled.
    const cancelForm = page.locator('form').filter({ has: page.getByRole('button', { name: 'Yes, cancel my consultation' }) });
    const token = new URL(manage).pathname.split('/').at(-1)!;
    for (const origin of ['null', 'https://elsewhere.example']) {
      const { location } = await postRefused(page, cancelForm, origin);
      expect(location.searchParams.get('back')).toBeNull();
      expect(location.toString()).not.toContain(token);
    }
    await page.goto(manage);
    await expect(page.getByRole('link', { name: 'Cancel this consultation' })).toBeVisible();
    await page.getByRole('link', { name: 'Cancel this consultation' }).click();

    await page.getByRole('button', { name: 'Yes, cancel my consultation' }).click();
    await expect(page.getByRole('status')).toHaveText('Your consultation has been cancelled. We will email you to confirm.');
    await expect(page.getByRole('link', { name: 'Request a new consultation' })).toBeVisible();
  });

  test('a form posted with Origin null or from another site is refused with the problem page, and nothing is done', async ({ page }) => {
    // A step of the consultation form: nothing typed is saved.
    await page.goto('/consult');
    await page.getByRole('button', { name: /Start now/ }).click();
    await expect(h1(page)).toHaveText('Your contact details');
    await page.getByLabel('First name').fill('Refused');
    const details = page.locator('form').filter({ has: page.getByRole('button', { name: 'Continue' }) });
    for (const origin of ['null', 'https://elsewhere.example']) {
      const { location, requestId } = await postRefused(page, details, origin);
      expect(location.searchParams.get('back')).toBe('/consult/details');
      const problem = await page.context().newPage();
      watch(problem);
      await problem.goto(location.pathname + location.search);
      await expectProblemPage(problem, 'refused', requestId);
      await problem.getByRole('link', { name: 'Go back and try again' }).click();
      await expect(h1(problem)).toHaveText('Your contact details');
      await expect(problem.getByLabel('First name')).toHaveValue('');
      await problem.close();
    }

    // Signing in with the right password, from another site: not signed in.
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(STAFF_LOGINS.staff.email);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    const signIn = page.locator('form').filter({ has: page.getByRole('button', { name: 'Sign in' }) });
    for (const origin of ['null', 'https://elsewhere.example']) {
      const { location, requestId } = await postRefused(page, signIn, origin);
      expect(location.searchParams.get('back')).toBe('/sign-in');
      await page.goto(location.pathname + location.search);
      await expectProblemPage(page, 'refused', requestId);
      await page.goto('/dashboard');
      await expect(page).toHaveURL((url) => url.pathname === '/sign-in');
      await page.goto('/sign-in');
      await page.getByLabel('Email address').fill(STAFF_LOGINS.staff.email);
      await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    }
  });

  test('an action that fails shows the problem page with its reference, and going back keeps every answer', async ({ page }) => {
    test.setTimeout(90_000);
    // The e2e server cannot save anyone at this domain (tests/support/e2e-server.ts): sending the request fails.
    const p = { ...newPatient('fault'), email: `rosa.${unique()}@${FAULT_EMAIL_DOMAIN}` };
    await page.goto('/consult');
    await page.getByRole('button', { name: /Start now/ }).click();
    await fillDetails(page, p);
    await page.getByRole('button', { name: 'Continue' }).click();
    await answerWarningSigns(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await fillPain(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await askToBeCalled(page);

    const post = await submitAndCatchPost(page, page.getByRole('button', { name: 'Accept and send' }));
    expect(post.status()).toBe(303);
    const requestId = (await post.headerValue('x-request-id')) ?? '';
    await expectProblemPage(page, 'failed', requestId);
    expect(new URL(page.url()).searchParams.get('back')).toBe('/consult/check');

    await page.getByRole('link', { name: 'Go back and try again' }).click();
    await expect(h1(page)).toHaveText('Check your answers before sending your request');
    const answers = page.getByRole('main');
    for (const shown of [
      `${p.first} ${p.last}`,
      p.email,
      p.phone,
      'Phone call',
      'Any time',
      'Lower back',
      '3 to 12 months',
      '6 out of 10',
      'Physical therapy',
      PAIN_MESSAGE,
      'Call me to arrange a time',
    ]) {
      await expect(answers).toContainText(shown);
    }
    const signs = page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: 'Warning signs' }) });
    const questions = await signs.locator('dt').count();
    expect(questions).toBeGreaterThan(0);
    await expect(signs.locator('dl > div > dd:first-of-type')).toHaveText(new Array<string>(questions).fill('No'));
    await expect(answers).not.toContainText('Not provided');
    await expect(page.getByLabel(/can contact me about this request/)).toBeChecked();
    await expect(page.getByLabel(/I have read the/)).toBeChecked();
  });
});

// ---------------------------------------------------------------- staff

/** A date `days` from now on the clinic's calendar, as an <input type=date> value. */
function clinicDate(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: CLINIC_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

async function signIn(page: Page, email: string, password: string, next = '/dashboard', recoveryCode?: string): Promise<void> {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The second step of an account with MFA: a recovery code (a plain form; a code per sign-in, no clock to wait for).
  if (recoveryCode) {
    await expect(page).toHaveURL((url) => url.pathname === '/sign-in/verify');
    await enterRecoveryCode(page, recoveryCode);
  }
  await expect(page).toHaveURL((url) => url.pathname === next);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

test.describe('signing in and out, with JavaScript off', () => {
  test('a wrong password is refused with the email kept; the right one opens the inbox; signing out ends the session', async ({ page }) => {
    await page.goto('/sign-in');
    await expectOriginKept(page);
    // An address nobody has: the demo logins' failed-attempt counts stay as other tests expect them.
    const stranger = `nobody.${unique()}@example.com`;
    await page.getByLabel('Email address').fill(stranger);
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(problems(page.getByRole('main'))).toContainText('The email address or password is not correct');
    await expect(page.getByLabel('Email address')).toHaveValue(stranger);
    await expectFieldError(page.getByLabel('Password', { exact: true }), 'The email address or password is not correct');
    await expectOriginKept(page);

    await page.getByLabel('Email address').fill(STAFF_LOGINS.staff.email);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/dashboard');
    await expect(h1(page)).toHaveText('Inbox');
    await expectOriginKept(page);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/sign-in');
    await expect(h1(page)).toHaveText('Sign in to the dashboard');
    await page.goto('/dashboard');
    await expect(page).toHaveURL((url) => url.pathname === '/sign-in' && url.searchParams.get('next') === '/dashboard');
  });
});

test.describe('staff accounts and passwords, with JavaScript off', () => {
  test.describe.configure({ mode: 'serial', timeout: 90_000 });

  const id = unique();
  const invitee = { name: `Jo Nojs ${id}`, email: `jo.nojs.${id}@example.com` };
  const passwords = { invited: `first chosen words ${id}`, changed: `second chosen words ${id}`, reset: `third chosen words ${id}` };
  let admin: Page;
  let person: Page;
  const recoveryCodes: string[] = [];

  test.beforeAll(async ({ browser }) => {
    admin = await newPage(browser);
    await signInAs(admin, 'admin', '/dashboard/admin/staff');
    person = await newPage(browser);
  });

  test.afterAll(async () => {
    await admin.context().close();
    await person.context().close();
  });

  test('an admin invites someone, who sets a password through the emailed link and signs in', async () => {
    await expectOriginKept(admin);
    await admin.getByLabel('Full name').fill(invitee.name);
    await admin.getByLabel('Email address').fill('not-an-email');
    await admin.getByRole('button', { name: 'Send invitation' }).click();
    await expect(problems(admin).getByRole('link', { name: 'Enter an email address in the correct format, like name@example.com' })).toBeVisible();
    await expectFieldError(admin.getByLabel('Email address'), 'Enter an email address in the correct format');
    await expect(admin.getByLabel('Full name')).toHaveValue(invitee.name);
    await expect(admin.getByLabel('Email address')).toHaveValue('not-an-email');
    await admin.getByLabel('Email address').fill(invitee.email);
    await admin.getByRole('button', { name: 'Send invitation' }).click();
    await expect(admin.getByRole('status').filter({ hasText: `Invitation sent to ${invitee.email}` })).toBeVisible();
    await expect(admin.getByRole('row').filter({ hasText: invitee.email })).toContainText('Invited');

    const email = await waitForEmail(admin, invitee.email, /invited to the .* dashboard/);
    const link = /https?:\/\/[^\s"<>]+\/set-password\/[\w-]+/.exec(email.text ?? '')?.[0];
    expect(link).toBeTruthy();
    await person.goto(pathOf(link!));
    await expect(h1(person)).toHaveText('Set up your account');
    await expectPrivatePagePolicy(person);
    await person.getByLabel('New password').fill(passwords.invited);
    await person.getByLabel('Type the password again').fill(`${passwords.invited} typo`);
    await person.getByRole('button', { name: 'Save password' }).click();
    await expect(problems(person).getByRole('link', { name: 'The two passwords do not match' })).toBeVisible();
    await expectFieldError(person.getByLabel('Type the password again'), 'The two passwords do not match');
    await expectPrivatePagePolicy(person);
    await person.getByLabel('New password').fill(passwords.invited);
    await person.getByLabel('Type the password again').fill(passwords.invited);
    await person.getByRole('button', { name: 'Save password' }).click();
    await expect(person).toHaveURL((url) => url.pathname === '/sign-in');
    await expect(person.getByRole('status')).toHaveText('Your password has been set. Sign in with it now.');
    // A new account sets up its second step before anything else: the authenticator app, without JavaScript.
    await person.getByLabel('Email address').fill(invitee.email);
    await person.getByLabel('Password', { exact: true }).fill(passwords.invited);
    await person.getByRole('button', { name: 'Sign in' }).click();
    await expect(person).toHaveURL((url) => url.pathname === '/sign-in/set-up');
    await expectOriginKept(person);
    recoveryCodes.push(...(await setUpAuthenticatorApp(person)).recoveryCodes);
    await person.getByRole('link', { name: 'Continue to the dashboard' }).click();
    await expect(person.getByRole('link', { name: `${invitee.name} (your account)` })).toBeVisible();
  });

  test('they change their own password: refused with a wrong current one, then signed out to use the new one', async () => {
    await person.goto('/dashboard/account');
    await expect(h1(person)).toHaveText('Your account');
    await expectOriginKept(person);
    await person.getByLabel('Current password').fill('not my password');
    await person.getByLabel('New password', { exact: true }).fill(passwords.changed);
    await person.getByLabel('Type the new password again').fill(passwords.changed);
    await person.getByRole('button', { name: 'Change password' }).click();
    await expect(problems(person).getByRole('link', { name: 'Your current password is not correct' })).toBeVisible();
    await expectFieldError(person.getByLabel('Current password'), 'Your current password is not correct');

    await person.getByLabel('Current password').fill(passwords.invited);
    await person.getByLabel('New password', { exact: true }).fill(passwords.changed);
    await person.getByLabel('Type the new password again').fill(passwords.changed);
    await person.getByRole('button', { name: 'Change password' }).click();
    await expect(person).toHaveURL((url) => url.pathname === '/sign-in');
    await person.getByLabel('Email address').fill(invitee.email);
    await person.getByLabel('Password', { exact: true }).fill(passwords.invited);
    await person.getByRole('button', { name: 'Sign in' }).click();
    await expect(problems(person.getByRole('main'))).toContainText('The email address or password is not correct');
    await signIn(person, invitee.email, passwords.changed, '/dashboard', recoveryCodes.shift());
  });

  test('a forgotten password: the form answers the same for anyone, and the emailed link sets a new one', async () => {
    await person.getByRole('button', { name: 'Sign out' }).click();
    await expect(person).toHaveURL((url) => url.pathname === '/sign-in');
    await person.getByRole('link', { name: 'Forgotten your password?' }).click();
    await expect(h1(person)).toHaveText('Reset your password');
    await expectOriginKept(person);
    await person.getByLabel('Email address').fill('jo at example');
    await person.getByRole('button', { name: 'Send the link' }).click();
    await expect(problems(person.getByRole('main')).getByRole('link', { name: 'Enter an email address in the correct format, like name@example.com' })).toBeVisible();
    await expectFieldError(person.getByLabel('Email address'), 'Enter an email address in the correct format');
    await expect(person.getByLabel('Email address')).toHaveValue('jo at example');
    await person.getByLabel('Email address').fill(invitee.email);
    await person.getByRole('button', { name: 'Send the link' }).click();
    await expect(person.getByRole('main').getByRole('status')).toContainText('If that address belongs to an account, we have sent it a link to reset the password.');

    const email = await waitForEmail(person, invitee.email, /^Reset your dashboard password$/);
    const link = /https?:\/\/[^\s"<>]+\/set-password\/[\w-]+/.exec(email.text ?? '')?.[0];
    expect(link).toBeTruthy();
    await person.goto(pathOf(link!));
    await expect(h1(person)).toHaveText('Choose a new password');
    await expectPrivatePagePolicy(person);
    await person.getByLabel('New password').fill(passwords.reset);
    await person.getByLabel('Type the password again').fill(passwords.reset);
    await person.getByRole('button', { name: 'Save password' }).click();
    await expect(person.getByRole('status')).toHaveText('Your password has been set. Sign in with it now.');
    await signIn(person, invitee.email, passwords.reset, '/dashboard', recoveryCodes.shift());
  });

  test('the admin disables the account (which ends their session), enables it, and makes them an administrator', async () => {
    await admin.goto('/dashboard/admin/staff');
    const row = admin.getByRole('row').filter({ hasText: invitee.email });
    await expect(row).toContainText('Active');
    await expectOriginKept(admin);
    await row.getByRole('button', { name: `Disable account for ${invitee.name}` }).click();
    await expect(row.getByRole('status').filter({ hasText: `${invitee.name} can no longer sign in.` })).toBeVisible();
    await expect(row).toContainText('Disabled');
    await person.goto('/dashboard');
    await expect(person).toHaveURL((url) => url.pathname === '/sign-in');

    await row.getByRole('button', { name: `Enable account for ${invitee.name}` }).click();
    await expect(row.getByRole('status').filter({ hasText: `${invitee.name} can sign in again.` })).toBeVisible();
    await expect(row).toContainText('Active');
    await signIn(person, invitee.email, passwords.reset, '/dashboard', recoveryCodes.shift());

    await row.getByLabel(`Role for ${invitee.name}`).selectOption({ label: 'Administrator' });
    await row.getByRole('button', { name: `Change role for ${invitee.name}` }).click();
    await expect(row.getByRole('status').filter({ hasText: `${invitee.name} is now an administrator.` })).toBeVisible();
    await expect(row.getByRole('cell').first()).toHaveText('Administrator');
    // A new role signs them out; signed in again, they have it.
    await person.goto('/dashboard');
    await expect(person).toHaveURL((url) => url.pathname === '/sign-in');
    await signIn(person, invitee.email, passwords.reset, '/dashboard', recoveryCodes.shift());
    await expect(person.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Staff' })).toBeVisible();
  });
});

test.describe('the inbox and a lead’s page, with JavaScript off', () => {
  test.describe.configure({ mode: 'serial', timeout: 90_000 });

  const patient = newPatient('nojslead');
  let staff: Page;
  let leadPath: string;

  test.beforeAll(async ({ browser }) => {
    await requestCallBack(browser, patient);
    staff = await newPage(browser);
    await signInAs(staff, 'staff');
  });

  test.afterAll(async () => {
    await staff.context().close();
  });

  const actions = () => staff.getByRole('region', { name: 'Actions' });
  const timeline = () => staff.getByRole('region', { name: 'Timeline' });
  /** Opens one of the lead page's sections (a <details>: no JavaScript needed), unless its answer already has. */
  const open = async (scope: Locator, title: string) => {
    const summary = scope.locator('summary', { hasText: title });
    if ((await summary.locator('xpath=..').getAttribute('open')) === null) await summary.click();
  };

  test('the inbox filters (a plain GET form) and the bulk assign and status change', async () => {
    await staff.goto('/dashboard');
    await expectOriginKept(staff);
    await staff.getByLabel('Search by name, email or phone').fill('x');
    await staff.getByRole('button', { name: 'Apply filters' }).click();
    await expectFieldError(staff.getByLabel('Search by name, email or phone'), 'Type at least 2 letters or digits to search');
    await expect(staff.getByLabel('Search by name, email or phone')).toHaveValue('x');

    await staff.getByLabel('Search by name, email or phone').fill(patient.last);
    await staff.getByLabel('Urgency').selectOption({ label: 'Routine' });
    await staff.getByRole('button', { name: 'Apply filters' }).click();
    await expect(staff).toHaveURL((url) => url.searchParams.get('q') === patient.last && url.searchParams.get('urgency') === 'routine');
    await expect(staff.getByText('1 request matches these filters')).toBeVisible();
    await expect(staff.getByRole('link', { name: patient.fullName })).toBeVisible();
    await expectOriginKept(staff);

    // Bulk assign: refused without an assignee, then done.
    const select = staff.getByLabel(`Select ${patient.fullName}`);
    await select.check();
    await staff.getByRole('button', { name: 'Assign', exact: true }).click();
    await expect(staff.getByRole('alert').filter({ hasText: 'Choose who to assign them to' })).toBeVisible();
    await expectFieldError(staff.getByLabel('Assign to'), 'Choose who to assign them to');
    await select.check();
    await staff.getByLabel('Assign to').selectOption({ label: `${STAFF_LOGINS.staff.name} (me)` });
    await staff.getByRole('button', { name: 'Assign', exact: true }).click();
    await expect(staff.getByRole('status').filter({ hasText: `1 request assigned to ${STAFF_LOGINS.staff.name}.` })).toBeVisible();

    await select.check();
    await staff.getByLabel('Change status to').selectOption({ label: 'Contacted' });
    await staff.getByRole('button', { name: 'Change status', exact: true }).click();
    await expect(staff.getByRole('status').filter({ hasText: '1 request moved to Contacted.' })).toBeVisible();
    await expect(staff.getByRole('row').filter({ hasText: patient.fullName })).toContainText('Contacted');

    await staff.getByRole('link', { name: patient.fullName }).click();
    await expect(h1(staff)).toHaveText(patient.fullName);
    leadPath = new URL(staff.url()).pathname;
    await expect(staff.getByText(`Assigned to ${STAFF_LOGINS.staff.name}`).first()).toBeVisible();
  });

  test('a note, a call, a status change and the assignment, each refused once where it can be', async () => {
    await staff.goto(leadPath);
    await expectOriginKept(staff);

    await open(actions(), 'Add a note');
    await actions().getByRole('button', { name: 'Add note' }).click();
    await expect(problems(actions()).getByRole('link', { name: 'Enter a note' })).toBeVisible();
    await expectFieldError(actions().getByLabel('Note', { exact: true }), 'Enter a note');
    const note = `Prefers a call after 4pm ${patient.last}`;
    await actions().getByLabel('Note', { exact: true }).fill(note);
    await actions().getByRole('button', { name: 'Add note' }).click();
    await expect(actions().getByRole('status')).toHaveText('Note added.');
    await expect(timeline()).toContainText(note);

    await open(actions(), 'Log a call');
    const callNotes = `Voicemail about times ${patient.last}`;
    await actions().getByLabel('Call notes (optional)').fill(callNotes);
    await actions().getByRole('button', { name: 'Log call' }).click();
    await expect(problems(actions()).getByRole('link', { name: 'Select what happened on the call' })).toBeVisible();
    await expectFieldError(actions().getByLabel('What happened?'), 'Select what happened on the call');
    await expect(actions().getByLabel('Call notes (optional)')).toHaveValue(callNotes);
    await actions().getByLabel('What happened?').selectOption({ label: 'Left a voicemail' });
    await actions().getByRole('button', { name: 'Log call' }).click();
    await expect(actions().getByRole('status')).toHaveText('Call logged.');
    await expect(timeline()).toContainText(callNotes);

    await open(actions(), 'Change status');
    await actions().getByRole('button', { name: 'Change status' }).click();
    await expect(problems(actions()).getByRole('link', { name: 'Select the new status' })).toBeVisible();
    await expectFieldError(actions().getByLabel('New status'), 'Select the new status');
    await actions().getByLabel('New status').selectOption({ label: 'No response' });
    await actions().getByRole('button', { name: 'Change status' }).click();
    await expect(actions().getByRole('status')).toHaveText('Status changed to No response.');
    await expect(timeline()).toContainText('Status changed from Contacted to No response');

    await open(actions(), 'Assign');
    await actions().getByLabel('Assigned to').selectOption({ label: STAFF_LOGINS.admin.name });
    await actions().getByRole('button', { name: 'Save' }).click();
    await expect(actions().getByRole('status')).toHaveText('Assigned.');
    await expect(staff.getByText(`Assigned to ${STAFF_LOGINS.admin.name}`).first()).toBeVisible();
    await expectOriginKept(staff);
  });

  test('follow-ups: one set and marked done on the lead’s page, another marked done from the tasks page', async () => {
    await staff.goto(leadPath);
    const set = async (title: string) => {
      await open(actions(), 'Set a follow-up');
      await actions().getByLabel('What needs doing?').fill(title);
      await actions().getByLabel('Due date').fill(clinicDate(3));
      await actions().getByLabel('Due time (clinic time)').fill('10:30');
      await actions().getByLabel('For', { exact: true }).selectOption({ label: `${STAFF_LOGINS.staff.name} (you)` });
      await actions().getByRole('button', { name: 'Set follow-up' }).click();
      await expect(actions().getByRole('status')).toHaveText('Follow-up set.');
    };

    await open(actions(), 'Set a follow-up');
    await actions().getByLabel('Due date').fill(clinicDate(3));
    await actions().getByRole('button', { name: 'Set follow-up' }).click();
    await expect(problems(actions()).getByRole('link', { name: 'Enter what needs doing' })).toBeVisible();
    await expectFieldError(actions().getByLabel('What needs doing?'), 'Enter what needs doing');
    await expect(actions().getByLabel('Due date')).toHaveValue(clinicDate(3));

    const here = `Send the intake forms ${patient.last}`;
    await set(here);
    const tasks = staff.getByRole('region', { name: /Open follow-ups/ });
    await expect(tasks).toContainText(here);
    await tasks.getByRole('button', { name: `Mark done: ${here}` }).click();
    await expect(staff.getByRole('region', { name: 'Open follow-ups (0)' })).toBeVisible();
    await expect(timeline()).toContainText(`Completed the follow-up: ${here}`);

    const there = `Call back about parking ${patient.last}`;
    await set(there);
    await staff.goto('/dashboard/tasks');
    await expectOriginKept(staff);
    const row = staff.getByRole('region', { name: /My follow-ups/ }).getByRole('row').filter({ hasText: there });
    await expect(row).toContainText(patient.fullName);
    await row.getByRole('button', { name: `Mark done: ${there} for ${patient.fullName}` }).click();
    await expect(staff.getByRole('heading', { level: 1 })).toHaveText('Tasks');
    await expect(staff.getByRole('row').filter({ hasText: there })).toHaveCount(0);
    await staff.goto(leadPath);
    await expect(timeline()).toContainText(`Completed the follow-up: ${there}`);
  });

  test('an appointment booked (refused once with no time chosen), moved and cancelled', async () => {
    await staff.goto(leadPath);
    const book = staff.locator('details#book');
    await open(actions(), 'Book an appointment');
    await book.getByRole('button', { name: 'Book this time' }).click();
    await expect(problems(book).getByRole('link', { name: 'Choose a time for the appointment' })).toBeVisible();
    const first = await pickSlot(book, SLOTS.staffBooks);
    await book.getByRole('button', { name: 'Book this time' }).click();
    await expect(book.getByRole('status')).toContainText('The confirmation email is queued.');
    await expect(book.getByRole('status')).toContainText(first.time);
    const appointments = staff.getByRole('region', { name: 'Appointments' });
    await expect(appointments).toContainText('Booked');

    await open(appointments, 'Change the time');
    const move = appointments.locator('details[id^="move-"]');
    const second = await pickSlot(move, SLOTS.staffMovesTo);
    expect(second.value).not.toBe(first.value);
    await move.getByRole('button', { name: 'Move appointment' }).click();
    await expect(move.getByRole('status')).toContainText('The patient will be emailed.');
    await expect(move.getByRole('status')).toContainText(second.time);

    await open(appointments, 'Cancel this appointment');
    const cancel = appointments.locator('details[id^="cancel-"]');
    await cancel.getByLabel('Reason (optional)').fill('They will call back to book.');
    await cancel.getByRole('button', { name: 'Cancel appointment' }).click();
    // The cancelled appointment leaves the upcoming list (and its form with it) for the past and cancelled ones.
    await expect(appointments.getByRole('row').filter({ hasText: 'Cancelled' })).toHaveCount(1);
    await expect(appointments.locator('details[id^="cancel-"]')).toHaveCount(0);
    await expect(timeline()).toContainText('They will call back to book.');
    await expectOriginKept(staff);
  });

  test('a templated email, and the patient unsubscribes through its link', async ({ browser }) => {
    await staff.goto(leadPath);
    await open(actions(), 'Send an email');
    await actions().getByRole('button', { name: 'Send email' }).click();
    await expect(problems(actions()).getByRole('link', { name: 'Select which email to send' })).toBeVisible();
    await expectFieldError(actions().getByLabel('Which email?'), 'Select which email to send');
    await actions().getByLabel('Which email?').selectOption({ label: 'Follow-up: do you still want a consultation?' });
    await actions().getByRole('button', { name: 'Send email' }).click();
    await expect(actions().getByRole('status')).toHaveText('Email queued. Its delivery status shows on the timeline.');

    // The follow-up carries the one-click unsubscribe link (List-Unsubscribe); a person clicking it gets the page.
    const email = await waitForEmail(staff, patient.email, /^Do you still want a consultation/);
    const listUnsubscribe = Object.entries(email.headers).find(([name]) => name.toLowerCase() === 'list-unsubscribe')?.[1] ?? '';
    const token = /\/api\/unsubscribe\/([^>/\s]+)>?$/.exec(listUnsubscribe)?.[1];
    expect(token, `List-Unsubscribe: ${listUnsubscribe}`).toBeTruthy();

    const reader = await newPage(browser);
    await reader.goto(`/unsubscribe/${token}`);
    await expect(h1(reader)).toHaveText('Stop follow-up and news emails');
    await expectPrivatePagePolicy(reader);
    // Posted from elsewhere it is refused, and the link stays out of the problem page's address.
    const form = reader.locator('form').filter({ has: reader.getByRole('button', { name: 'Unsubscribe' }) });
    const { location } = await postRefused(reader, form, 'null');
    expect(location.searchParams.get('back')).toBeNull();
    expect(location.toString()).not.toContain(token!);
    await reader.getByRole('button', { name: 'Unsubscribe' }).click();
    await expect(h1(reader)).toHaveText('You have been unsubscribed');
    await expect(reader.getByRole('main')).toContainText(patient.email);
    await reader.context().close();

    await staff.goto(leadPath);
    await expect(staff.getByRole('region', { name: 'Consent and where they came from' })).toContainText('Unsubscribed');
    await open(actions(), 'Send an email');
    await expect(actions().getByText('They unsubscribed, so the follow-up email is not offered.')).toBeVisible();
  });
});

test.describe('the admin’s pages, with JavaScript off', () => {
  test.describe.configure({ mode: 'serial', timeout: 90_000 });

  let admin: Page;

  test.beforeAll(async ({ browser }) => {
    admin = await newPage(browser);
    await signInAs(admin, 'admin');
  });

  test.afterAll(async () => {
    await admin.context().close();
  });

  test('the schedule’s date form shows the week asked for', async () => {
    await admin.goto('/dashboard/schedule');
    await expect(h1(admin)).toHaveText('Schedule');
    await expectOriginKept(admin);
    const date = clinicDate(14);
    await admin.getByLabel('Go to date').fill(date);
    await admin.getByRole('button', { name: 'Show', exact: true }).click();
    await expect(admin).toHaveURL((url) => url.pathname === '/dashboard/schedule' && url.searchParams.get('date') === date && url.searchParams.get('view') === 'week');
    await expect(admin.getByLabel('Go to date')).toHaveValue(date);
    await expect(admin.getByRole('heading', { level: 2 })).toHaveText(/^Week of /);

    // The demo data has one appointment that has already happened, waiting for its outcome (Michael Brown, two
    // weekdays ago): the week view of this week or the last shows it with "Mark completed".
    const entryOf = () => admin.getByRole('listitem').filter({ has: admin.getByRole('link', { name: 'Michael Brown' }) });
    await admin.goto('/dashboard/schedule?view=week');
    if ((await entryOf().count()) === 0) {
      await admin.getByRole('link', { name: /Previous week/ }).click();
    }
    await expect(entryOf()).toHaveCount(1);
    await expect(entryOf()).toContainText('Booked');
    await entryOf().getByRole('button', { name: /^Mark completed/ }).click();
    await expect(entryOf()).toContainText('Completed');
    await expect(entryOf().getByRole('button', { name: /^Mark/ })).toHaveCount(0);
    await expectOriginKept(admin);
  });

  test('booking settings and weekly hours: refused with what was typed kept, then saved', async () => {
    await admin.goto('/dashboard/admin/settings');
    await expect(h1(admin)).toHaveText('Opening hours and booking settings');
    await expectOriginKept(admin);

    // Booking settings: a length that is not a number is refused; the title is changed, then put back.
    const provider = admin.getByRole('region', { name: /^Booking settings/ });
    const length = provider.getByLabel('Appointment length in minutes');
    const title = provider.getByLabel('Title (optional)');
    const originalLength = await length.inputValue();
    const originalTitle = await title.inputValue();
    await length.fill('thirty');
    await provider.getByRole('button', { name: 'Save booking settings' }).click();
    await expect(problems(provider).getByRole('link', { name: 'Appointment length must be a whole number of minutes' })).toBeVisible();
    await expectFieldError(length, 'Appointment length must be a whole number of minutes');
    await expect(length).toHaveValue('thirty');
    await length.fill(originalLength);
    await title.fill(`${originalTitle} (no JavaScript)`);
    await provider.getByRole('button', { name: 'Save booking settings' }).click();
    await expect(provider.getByRole('status')).toHaveText('Booking settings saved. Patients are offered the new times straight away.');
    await expect(title).toHaveValue(`${originalTitle} (no JavaScript)`);
    await title.fill(originalTitle);
    await provider.getByRole('button', { name: 'Save booking settings' }).click();
    await expect(provider.getByRole('status')).toHaveText('Booking settings saved. Patients are offered the new times straight away.');
    await expect(title).toHaveValue(originalTitle);

    // Weekly hours. "Add hours" needs JavaScript, so without it each day offers one empty range to fill in.
    // Monday ending before it starts and a Saturday range the same are refused, typed times kept; nothing is
    // written. The whole week is saved at once and other tests book Monday and edit Saturday meanwhile, so
    // the save that goes through is of the hours exactly as a fresh page shows them.
    const hours = admin.getByRole('region', { name: /^Weekly hours/ });
    const from = hours.getByLabel('From (Monday, range 1)');
    const until = hours.getByLabel('Until (Monday, range 1)');
    const originalFrom = await from.inputValue();
    const before = `${String(Number(originalFrom.slice(0, 2)) - 1).padStart(2, '0')}:00`;
    await until.fill(before);
    const saturday = hours.getByRole('group', { name: 'Saturday' });
    const saturdayRanges = await saturday.getByLabel(/^From/).count();
    await saturday.getByLabel(/^From/).last().fill('14:00');
    await saturday.getByLabel(/^Until/).last().fill('13:00');
    await hours.getByRole('button', { name: 'Save weekly hours' }).click();
    await expect(problems(hours).getByRole('link', { name: 'Monday’s end time must be after its start time' })).toBeVisible();
    await expect(problems(hours).getByRole('link', { name: 'Saturday’s end time must be after its start time' })).toBeVisible();
    await expectFieldError(until, 'Monday’s end time must be after its start time');
    await expect(from).toHaveValue(originalFrom);
    await expect(until).toHaveValue(before);
    // The Saturday range typed is kept as a range of its own, and a new empty one is offered after it.
    const typed = saturday.getByLabel(`Until (Saturday, range ${saturdayRanges})`);
    await expectFieldError(typed, 'Saturday’s end time must be after its start time');
    await expect(saturday.getByLabel(`From (Saturday, range ${saturdayRanges})`)).toHaveValue('14:00');
    await expect(typed).toHaveValue('13:00');
    await expect(saturday.getByLabel(/^From/)).toHaveCount(saturdayRanges + 1);

    await admin.goto('/dashboard/admin/settings');
    await hours.getByRole('button', { name: 'Save weekly hours' }).click();
    await expect(hours.getByRole('status')).toHaveText('Nothing had changed, so nothing was saved.');
    await expect(from).toHaveValue(originalFrom);
  });

  test('a closure: refused when it ends before it starts, then added, then deleted', async () => {
    await admin.goto('/dashboard/admin/settings');
    const closures = admin.getByRole('region', { name: 'Closures' });
    // Beyond the booking window (28 days): no time any patient is offered changes.
    const date = clinicDate(70);
    const reason = `No-JavaScript check ${unique()}`;
    await closures.getByLabel('Who is it for?').selectOption({ label: 'The whole clinic' });
    await closures.getByLabel('Starts').fill(`${date}T13:00`);
    await closures.getByLabel('Ends').fill(`${date}T09:00`);
    await closures.getByLabel('Reason (optional)').fill(reason);
    await closures.getByRole('button', { name: 'Add closure' }).click();
    await expect(problems(closures).getByRole('link', { name: 'The end must be after the start' })).toBeVisible();
    await expectFieldError(closures.getByLabel('Ends'), 'The end must be after the start');
    await expect(closures.getByLabel('Starts')).toHaveValue(`${date}T13:00`);
    await expect(closures.getByLabel('Ends')).toHaveValue(`${date}T09:00`);
    await expect(closures.getByLabel('Reason (optional)')).toHaveValue(reason);
    await closures.getByLabel('Ends').fill(`${date}T17:00`);
    await closures.getByRole('button', { name: 'Add closure' }).click();
    await expect(closures.getByRole('status')).toHaveText('Closure added. No one can book during it.');
    const row = closures.getByRole('row').filter({ hasText: reason });
    await expect(row).toContainText('Whole clinic');
    await expectOriginKept(admin);

    await row.getByRole('button', { name: /^Delete/ }).click();
    await expect(h1(admin)).toHaveText('Opening hours and booking settings');
    await expect(admin.getByRole('row').filter({ hasText: reason })).toHaveCount(0);
  });

  test('a message that failed to send is sent again', async ({ browser }) => {
    // The fake Resend refuses this domain for good (422): the outbox marks the message failed at once.
    const patient = { ...newPatient('nojsmail'), email: `rosa.${unique()}@${REJECTED_EMAIL_DOMAIN}` };
    await requestCallBack(browser, patient);
    const row = admin.getByRole('row').filter({ hasText: patient.email });
    await expect
      .poll(
        async () => {
          await admin.goto('/dashboard/emails?status=failed');
          return row.count();
        },
        { timeout: 20_000 },
      )
      .toBe(1);
    await row.getByRole('link', { name: 'Request received' }).click();
    await expect(h1(admin)).toHaveText('Request received');
    await expectOriginKept(admin);
    await admin.getByRole('button', { name: 'Try sending again' }).click();
    await expect(admin).toHaveURL((url) => url.searchParams.get('queued') === '1');
    await expect(admin.getByRole('status')).toContainText('The email is back in the queue.');
  });

  test('erasing a lead: refused until ERASE is typed; then the audit log’s filters find it, refused once', async ({ browser }) => {
    const patient = newPatient('nojserase');
    await requestCallBack(browser, patient);
    await admin.goto(`/dashboard?q=${encodeURIComponent(patient.last)}`);
    const leadId = /\/dashboard\/leads\/([0-9a-f-]{36})$/.exec((await admin.getByRole('link', { name: patient.fullName }).getAttribute('href')) ?? '')?.[1];
    expect(leadId).toBeTruthy();

    await admin.goto(`/dashboard/privacy/${leadId}/erase`);
    await expect(h1(admin)).toHaveText(`Erase ${patient.fullName}’s personal data`);
    await expectOriginKept(admin);
    await admin.getByLabel('Type ERASE to confirm').fill('erase');
    await admin.getByRole('button', { name: 'Erase this person' }).click();
    await expect(problems(admin).getByRole('link', { name: 'Type ERASE in capital letters to confirm' })).toBeVisible();
    await expectFieldError(admin.getByLabel('Type ERASE to confirm'), 'Type ERASE in capital letters to confirm');
    await expect(admin.getByLabel('Type ERASE to confirm')).toHaveValue('erase');
    await admin.getByLabel('Type ERASE to confirm').fill('ERASE');
    await admin.getByRole('button', { name: 'Erase this person' }).click();
    await expect(h1(admin)).toHaveText('This person has been erased');

    // The audit log's filters (a plain GET form): an end before the start is refused with the dates kept.
    await admin.goto('/dashboard/admin/audit');
    await expectOriginKept(admin);
    const filters = admin.getByRole('region', { name: 'Filter entries' });
    await filters.getByLabel('From').fill(clinicDate(1));
    await filters.getByLabel('To').fill(clinicDate(-1));
    await filters.getByRole('button', { name: 'Filter' }).click();
    await expect(problems(admin).getByRole('link', { name: 'End date must be the same as or after the start date' })).toBeVisible();
    await expectFieldError(filters.getByLabel('To'), 'End date must be the same as or after the start date');
    await expect(filters.getByLabel('From')).toHaveValue(clinicDate(1));
    await expect(filters.getByLabel('To')).toHaveValue(clinicDate(-1));
    await filters.getByLabel('From').fill('');
    await filters.getByLabel('To').fill('');
    await filters.getByLabel('Action').selectOption({ label: 'Erased a person' });
    await filters.getByLabel('Entity id').fill(leadId!);
    await filters.getByRole('button', { name: 'Filter' }).click();
    await expect(admin).toHaveURL((url) => url.searchParams.get('entity') === leadId && url.searchParams.get('action') !== null);
    const entries = admin.getByRole('region', { name: 'Entries, newest first' }).getByRole('row').filter({ hasText: 'Erased a person' });
    await expect(entries).toHaveCount(1);
    await expect(entries).toContainText(STAFF_LOGINS.admin.name);
  });

  test('the metrics’ date range (a plain GET form): refused when the end is before the start, then shown', async () => {
    await admin.goto('/dashboard/metrics');
    await expect(h1(admin)).toHaveText('Metrics');
    await expectOriginKept(admin);
    const [from, to] = [clinicDate(-30), clinicDate(0)];
    await admin.getByLabel('Start date').fill(to);
    await admin.getByLabel('End date').fill(from);
    await admin.getByRole('button', { name: 'Show', exact: true }).click();
    await expect(problems(admin).getByRole('link', { name: 'End date must be the same as or after the start date' })).toBeVisible();
    await expectFieldError(admin.getByLabel('End date'), 'End date must be the same as or after the start date');
    await expect(admin.getByLabel('Start date')).toHaveValue(to);
    await expect(admin.getByLabel('End date')).toHaveValue(from);
    await admin.getByLabel('Start date').fill(from);
    await admin.getByLabel('End date').fill(to);
    await admin.getByRole('button', { name: 'Show', exact: true }).click();
    await expect(admin).toHaveURL((url) => url.searchParams.get('from') === from && url.searchParams.get('to') === to);
    await expect(problems(admin)).toHaveCount(0);
    await expect(admin.getByLabel('Start date')).toHaveValue(from);
    await expect(admin.getByLabel('End date')).toHaveValue(to);
    await expect(admin.getByRole('img', { name: /^Column chart of new leads per week/ })).toBeVisible();
  });
});
