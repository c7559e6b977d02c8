// A steady trickle of staff work beside the patients: the demo front-desk login signs in once through the
// real form (no JavaScript), then, until told to stop, loads the inbox, opens a lead and adds a note with a
// marker of this run. Every answer is counted: page shown, note saved (the lead's page again, no error), a
// "try again" page, or anything else. Notes staff were told were saved are looked for in the database.
import postgres from 'postgres';
import { Browser, type Page } from './browser';
import { formWithButton, pageText } from './html-form';
import { tryAgainPage } from './patients';

export type StaffFigures = {
  actions: number;
  ok: number;
  /** Notes saved as far as the page said: each must be in the database. */
  notesSaved: string[];
  tryAgain: number;
  /** Connection refused or cut (the app was down). */
  noAnswer: number;
  /** Pages that were neither the page asked for nor a "try again" page (a bare 500 among them). */
  other: { status: number; path: string }[];
};

export type StaffLoad = { stop(): Promise<StaffFigures> };

const STAFF_EMAIL = 'frontdesk@example.com';

/** Starts the trickle: one action every `everyMs`. */
export function startStaffLoad(base: string, password: string, run: string, everyMs = 700): StaffLoad {
  const figures: StaffFigures = { actions: 0, ok: 0, notesSaved: [], tryAgain: 0, noAnswer: 0, other: [] };
  let stopped = false;
  const browser = new Browser(base, '10.250.0.1');
  let signedIn = false;
  let n = 0;

  const count = (page: Page, expected: (p: Page) => boolean): boolean => {
    figures.actions++;
    if (expected(page)) {
      figures.ok++;
      return true;
    }
    if (tryAgainPage(page)) figures.tryAgain++;
    else figures.other.push({ status: page.status, path: page.path });
    return false;
  };

  const once = async () => {
    if (!signedIn) {
      const form = await browser.get('/sign-in?next=%2Fdashboard');
      const signIn = formWithButton(form.html, 'Sign in');
      if (!signIn) return void count(form, () => false);
      const inbox = await browser.submit(form, signIn, { text: { email: STAFF_EMAIL, password } });
      signedIn = count(inbox, (p) => p.status === 200 && p.path.startsWith('/dashboard'));
      return;
    }
    const inbox = await browser.get('/dashboard');
    if (!count(inbox, (p) => p.status === 200 && p.path === '/dashboard')) return;
    const leads = [...inbox.html.matchAll(/href="(\/dashboard\/leads\/[0-9a-f-]{36})"/g)].map((m) => m[1]!);
    if (leads.length === 0) return;
    const leadPath = leads[Math.floor(Math.random() * leads.length)]!;
    const lead = await browser.get(leadPath, '/dashboard');
    if (!count(lead, (p) => p.status === 200 && p.path === leadPath)) return;
    const addNote = formWithButton(lead.html, 'Add note');
    if (!addNote) return;
    const marker = `faults-note ${run} ${++n}`;
    const after = await browser.submit(lead, addNote, { text: { body: marker } });
    if (count(after, (p) => p.status === 200 && p.path === leadPath && !/There is a problem/.test(pageText(p.html)))) figures.notesSaved.push(marker);
  };

  const loop = (async () => {
    while (!stopped) {
      try {
        await once();
      } catch {
        figures.actions++;
        figures.noAnswer++;
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();

  return {
    stop: async () => {
      stopped = true;
      await loop;
      return figures;
    },
  };
}

/** Notes staff were told were saved but that are not in the database. */
export async function lostNotes(databaseUrl: string, saved: string[]): Promise<string[]> {
  if (saved.length === 0) return [];
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ body: string }[]>`
      select payload->>'body' as body from lead_activities where type = 'note_added' and payload->>'body' = any(${saved})`;
    const found = new Set(rows.map((r) => r.body));
    return saved.filter((s) => !found.has(s));
  } finally {
    await sql.end({ timeout: 5 });
  }
}
