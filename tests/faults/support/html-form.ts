// Reading a page as a browser without JavaScript does: its forms (action, hidden fields such as Next.js's
// server-action ids, inputs, choices) and filling one in. Enough HTML for the app's own pages, not a general
// parser: attributes in double quotes, as React writes them. Pure: no I/O.

export type FormField =
  | { kind: 'input'; type: string; name: string; value: string; checked: boolean }
  | { kind: 'select'; name: string; options: { value: string; selected: boolean }[] }
  | { kind: 'textarea'; name: string; value: string };

export type HtmlForm = { action: string; method: string; fields: FormField[]; submitLabels: string[] };

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', lt: '<', gt: '>', apos: "'", nbsp: ' ' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    return ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

function attributes(tag: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const body = tag.replace(/^<\s*[\w-]+/, '').replace(/\/?>$/, '');
  for (const m of body.matchAll(/([^\s=/>]+)(?:="([^"]*)")?/g)) attrs[m[1]!.toLowerCase()] = decodeEntities(m[2] ?? '');
  return attrs;
}

/** The text a person reads (tags dropped, entities decoded, spaces collapsed). */
export function pageText(html: string): string {
  const body = html.replace(/<script[\s\S]*?<\/script>/gi, ' ').replace(/<style[\s\S]*?<\/style>/gi, ' ').replace(/<[^>]+>/g, ' ');
  return decodeEntities(body).replace(/\s+/g, ' ').trim();
}

/** The first <h1>'s text, or null. */
export function heading(html: string): string | null {
  const m = /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html);
  return m ? pageText(m[1]!) : null;
}

/** Every form on the page, in order. */
export function parseForms(html: string): HtmlForm[] {
  const forms: HtmlForm[] = [];
  for (const m of html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/gi)) {
    const source = m[0];
    const formAttrs = attributes(/^<form\b[^>]*>/i.exec(source)![0]);
    const fields: FormField[] = [];
    const submitLabels: string[] = [];
    for (const t of source.matchAll(/<input\b[^>]*>|<select\b[^>]*>[\s\S]*?<\/select>|<textarea\b[^>]*>[\s\S]*?<\/textarea>|<button\b[^>]*>[\s\S]*?<\/button>/gi)) {
      const tag = t[0];
      const open = /^<[^>]*>/.exec(tag)![0];
      const a = attributes(open);
      if (/^<button/i.test(tag)) {
        if ((a.type ?? 'submit') === 'submit') submitLabels.push(pageText(tag));
        continue;
      }
      if (!a.name || 'disabled' in a) continue;
      if (/^<input/i.test(tag)) {
        fields.push({ kind: 'input', type: (a.type ?? 'text').toLowerCase(), name: a.name, value: a.value ?? (a.type === 'checkbox' || a.type === 'radio' ? 'on' : ''), checked: 'checked' in a });
      } else if (/^<select/i.test(tag)) {
        const options = [...tag.matchAll(/<option\b[^>]*>([\s\S]*?)<\/option>/gi)].map((o) => {
          const oa = attributes(/^<option\b[^>]*>/i.exec(o[0])![0]);
          return { value: oa.value ?? pageText(o[1]!), selected: 'selected' in oa };
        });
        fields.push({ kind: 'select', name: a.name, options });
      } else {
        fields.push({ kind: 'textarea', name: a.name, value: decodeEntities(tag.replace(/^<textarea\b[^>]*>/i, '').replace(/<\/textarea>$/i, '')) });
      }
    }
    forms.push({ action: formAttrs.action ?? '', method: (formAttrs.method ?? 'get').toUpperCase(), fields, submitLabels });
  }
  return forms;
}

/** The form whose submit button reads `label` (exactly, or starting with it). */
export function formWithButton(html: string, label: string): HtmlForm | undefined {
  return parseForms(html).find((f) => f.submitLabels.some((l) => l === label || l.startsWith(label)));
}

/**
 * What the person answers: a text for a text field, the value to choose for a radio group or a select,
 * the values to tick for checkboxes. `choose` decides radio groups and selects not named in `answers`.
 */
export type Answers = {
  text?: Record<string, string>;
  pick?: Record<string, string | ((values: string[]) => string)>;
  tick?: Record<string, string[] | 'first'>;
};

/** The fields a browser would send for this form filled in with these answers (hidden fields as they are). */
export function fillForm(form: HtmlForm, answers: Answers): [string, string][] {
  const out: [string, string][] = [];
  const radios = new Map<string, string[]>();
  const checkedRadio = new Map<string, string>();
  const checkboxes = new Map<string, { value: string; checked: boolean }[]>();
  for (const f of form.fields) {
    if (f.kind === 'input' && f.type === 'radio') radios.set(f.name, [...(radios.get(f.name) ?? []), f.value]);
    if (f.kind === 'input' && f.type === 'radio' && f.checked) checkedRadio.set(f.name, f.value);
    if (f.kind === 'input' && f.type === 'checkbox') checkboxes.set(f.name, [...(checkboxes.get(f.name) ?? []), { value: f.value, checked: f.checked }]);
  }
  const choose = (name: string, values: string[]): string | undefined => {
    const wanted = answers.pick?.[name];
    if (typeof wanted === 'function') return wanted(values);
    if (wanted !== undefined) return values.includes(wanted) ? wanted : undefined;
    // Not answered here: the choice the page shows (a browser sends the checked radio), else the first.
    return checkedRadio.get(name) ?? values[0];
  };
  const done = new Set<string>();
  for (const f of form.fields) {
    if (f.kind === 'select') {
      const values = f.options.map((o) => o.value).filter((v) => v !== '');
      const chosen = answers.pick?.[f.name] !== undefined ? choose(f.name, values) : (f.options.find((o) => o.selected)?.value ?? values[0]);
      if (chosen !== undefined) out.push([f.name, chosen]);
    } else if (f.kind === 'textarea') {
      out.push([f.name, answers.text?.[f.name] ?? f.value]);
    } else if (f.type === 'radio') {
      if (done.has(f.name)) continue;
      done.add(f.name);
      const chosen = choose(f.name, radios.get(f.name)!);
      if (chosen !== undefined) out.push([f.name, chosen]);
    } else if (f.type === 'checkbox') {
      if (done.has(f.name)) continue;
      done.add(f.name);
      const boxes = checkboxes.get(f.name)!;
      const tick = answers.tick?.[f.name];
      const values = tick === 'first' ? boxes.slice(0, 1).map((b) => b.value) : tick ? tick : boxes.filter((b) => b.checked).map((b) => b.value);
      for (const v of values) out.push([f.name, v]);
    } else if (f.type !== 'submit' && f.type !== 'button' && f.type !== 'reset') {
      out.push([f.name, answers.text?.[f.name] ?? f.value]);
    }
  }
  return out;
}
