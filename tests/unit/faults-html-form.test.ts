// The fault tests' simulated patients read pages as a browser without JavaScript does (tests/faults/support/
// html-form.ts): these pin what they send for a form, so a load test never "passes" by posting the wrong thing.
import { describe, expect, it } from 'vitest';
import { decodeEntities, fillForm, formWithButton, heading, pageText, parseForms } from '@/tests/faults/support/html-form';

const PAGE = `<html><body><h1>Choose a <em>time</em></h1>
<form action="" encType="multipart/form-data" method="POST">
  <input type="hidden" name="$ACTION_REF_1"/><input type="hidden" name="$ACTION_1:0" value="{&quot;id&quot;:&quot;abc&quot;}"/>
  <input type="text" name="firstName" value="Ro&amp;sa"/><input type="text" name="website" value=""/>
  <input type="radio" name="slot" value="2026-01-05T17:00:00.000Z"/><input type="radio" name="slot" value="call" checked=""/>
  <input type="checkbox" name="treatmentsTried" value="physio"/><input type="checkbox" name="treatmentsTried" value="none"/>
  <input type="checkbox" name="marketingOptIn" value="yes" checked=""/>
  <input type="text" name="disabledOne" disabled=""/>
  <select name="timeZone"><option value="">Choose</option><option value="America/Los_Angeles" selected="">LA</option><option value="America/New_York">NY</option></select>
  <textarea name="message">Hello &lt;there&gt;</textarea>
  <button type="button">Show more</button><button type="submit">Continue</button>
</form>
<form action="/dashboard" method="GET"><input type="search" name="q"/><button>Apply filters</button></form>
</body></html>`;

describe('reading a page', () => {
  it('finds each form with its action, method and submit buttons (not plain buttons)', () => {
    const forms = parseForms(PAGE);
    expect(forms.map((f) => [f.action, f.method, f.submitLabels])).toEqual([
      ['', 'POST', ['Continue']],
      ['/dashboard', 'GET', ['Apply filters']],
    ]);
    expect(formWithButton(PAGE, 'Apply')?.action).toBe('/dashboard');
    expect(formWithButton(PAGE, 'Send')).toBeUndefined();
  });

  it('reads the heading and the text a person sees, entities decoded', () => {
    expect(heading(PAGE)).toBe('Choose a time');
    expect(pageText('<p>A&nbsp;&#8217;b&#x27;</p><script>x()</script>')).toBe('A ’b\'');
    expect(decodeEntities('&unknown; &amp;')).toBe('&unknown; &');
  });
});

describe('filling in a form', () => {
  const form = formWithButton(PAGE, 'Continue')!;

  it('sends hidden fields as they are, what was typed, and the choices a person made', () => {
    const sent = fillForm(form, {
      text: { firstName: 'Pat' },
      pick: { slot: (values) => values[0]!, timeZone: 'America/New_York' },
      tick: { treatmentsTried: 'first' },
    });
    expect(sent).toEqual([
      ['$ACTION_REF_1', ''],
      ['$ACTION_1:0', '{"id":"abc"}'],
      ['firstName', 'Pat'],
      ['website', ''],
      ['slot', '2026-01-05T17:00:00.000Z'],
      ['treatmentsTried', 'physio'],
      ['marketingOptIn', 'yes'],
      ['timeZone', 'America/New_York'],
      ['message', 'Hello <there>'],
    ]);
  });

  it('keeps what the page already holds when told nothing (a radio group: the checked choice, as a browser sends)', () => {
    const sent = Object.fromEntries(fillForm(form, {}));
    expect(sent).toMatchObject({ firstName: 'Ro&sa', slot: 'call', timeZone: 'America/Los_Angeles', marketingOptIn: 'yes' });
    // With nothing checked, the first choice (a person answering a fresh step).
    const fresh = formWithButton(PAGE.replace('value="call" checked=""', 'value="call"'), 'Continue')!;
    expect(Object.fromEntries(fillForm(fresh, {})).slot).toBe('2026-01-05T17:00:00.000Z');
    expect(sent).not.toHaveProperty('treatmentsTried');
    expect(sent).not.toHaveProperty('disabledOne');
  });

  it('sends no choice rather than an invented one when the wanted value is not offered', () => {
    expect(fillForm(form, { pick: { slot: 'tomorrow' } }).filter(([name]) => name === 'slot')).toEqual([]);
  });
});
