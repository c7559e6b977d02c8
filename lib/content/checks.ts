// Pure checks over a guide page's MDX body, run by the content tests and `npm run content:check`:
// every figure beside its source or an estimate marker, every red-flag symptom beside the emergency card, every
// glossary term linked where it is first used.

/** A line of prose as written (paragraph, list item or table row), with its 1-based line number in the body. */
export type ProseLine = { line: number; raw: string; tableHeader: boolean };

const TABLE_RULE = /^\s*\|[\s:|-]+\|\s*$/;

/** Paragraphs, list items and table rows; not headings (the section's prose carries the source), code or blanks. */
export function proseLines(body: string): ProseLine[] {
  const lines: ProseLine[] = [];
  const all = body.split('\n');
  let inFence = false;
  all.forEach((raw, i) => {
    if (/^```/.test(raw)) inFence = !inFence;
    if (inFence || !raw.trim() || /^#{1,6}\s/.test(raw) || TABLE_RULE.test(raw)) return;
    lines.push({ line: i + 1, raw, tableHeader: TABLE_RULE.test(all[i + 1] ?? '') });
  });
  return lines;
}

/** The words a reader sees on a line: markers and tags gone, link text kept, link addresses dropped. */
export function visibleText(raw: string): string {
  return raw
    .replace(/<Cite\s+n=\{\d+\}\s*\/>/g, ' ')
    .replace(/<Estimate\b[^>]*\/>/g, ' ')
    .replace(/<\/?[A-Z][A-Za-z]*\b[^>]*>/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
}

/**
 * Numbers that are not figures from a source: the emergency number, and counts of the things a page describes
 * ("2 or more bones", "the 3 approaches"). Everything else with a digit is a figure.
 */
export const NOT_A_FIGURE: RegExp[] = [
  /\b911\b/g,
  /\b\d+ (?:or more )?(?:bones|spine bones|parts|approaches|operations|kinds|questions|studies)\b/gi,
];

const FIGURE = /\d[\d,.]*%?/g;
const SOURCED = /<Cite\s+n=\{\d+\}\s*\/>|<Estimate\b[^>]*\/>/;

/** Lines with a figure but neither a citation nor an estimate marker, and the figures found on each. */
export function unsourcedFigures(body: string): { line: number; figures: string[]; text: string }[] {
  const problems: { line: number; figures: string[]; text: string }[] = [];
  for (const { line, raw, tableHeader } of proseLines(body)) {
    // A table's header names its columns ("In every 100 people"); its rows carry the figures and their sources.
    if (tableHeader || SOURCED.test(raw)) continue;
    let text = visibleText(raw).replace(/^\s*\d+\.\s/, ' '); // an ordered list's own numbering
    for (const p of NOT_A_FIGURE) text = text.replace(p, ' ');
    const figures = text.match(FIGURE);
    if (figures) problems.push({ line, figures, text: visibleText(raw).trim() });
  }
  return problems;
}

/**
 * Symptoms and events that mean "call 911": where a page names one, the reader needs the emergency card on the
 * same page (the topic page may be the only one they read).
 */
export const RED_FLAGS: { name: string; pattern: RegExp }[] = [
  { name: 'cauda equina syndrome', pattern: /cauda equina/i },
  { name: 'paralysis', pattern: /\bparaly[sz]/i },
  { name: 'loss of bladder or bowel control', pattern: /\b(bladder|bowel)s?\b|\bpee or poo\b|\bcannot pee\b/i },
  { name: 'numbness in the groin', pattern: /\bgroin\b|\bgenitals\b/i },
  { name: 'a blood clot', pattern: /\bblood clots?\b/i },
  { name: 'chest pain or trouble breathing', pattern: /\bchest pain\b|\btrouble breathing\b/i },
  { name: 'heart attack or stroke', pattern: /\bheart attack\b|\bstroke\b/i },
  { name: 'a serious injury to the spine', pattern: /\b(car (crash|accident)|serious fall|bad fall|serious injury)\b/i },
];

export const EMERGENCY_CARD = /<EmergencyCard\s*\/>/;

/** The red flags a body names in its prose (headings included: a heading is read too). */
export function redFlagsNamed(body: string): string[] {
  const text = body
    .split('\n')
    .map((l) => visibleText(l))
    .join('\n');
  return RED_FLAGS.filter((f) => f.pattern.test(text)).map((f) => f.name);
}

/** Problems with the emergency card on one page: a red flag without it, or an emergency card written by hand. */
export function emergencyCardProblems(body: string): string[] {
  const problems: string[] = [];
  const named = redFlagsNamed(body);
  if (named.length && !EMERGENCY_CARD.test(body)) {
    problems.push(`names ${named.join(', ')} but has no <EmergencyCard />`);
  }
  if (/<CareCard\s+level="emergency"/.test(body)) {
    problems.push('writes its own emergency card: use <EmergencyCard /> (one wording everywhere)');
  }
  return problems;
}

type TermLike = { id: string; matches: string[] };

/**
 * Glossary terms whose first use in the page's prose is not inside a <Term id="…"> link to the glossary.
 * Headings are skipped: the definition belongs to the first sentence that uses the word.
 */
export function unlinkedFirstUses(body: string, entries: TermLike[]): { id: string; line: number }[] {
  const prose = proseLines(body);
  const problems: { id: string; line: number }[] = [];
  for (const entry of entries) {
    const pattern = new RegExp(entry.matches.map(escapeRegExp).join('|'), 'i');
    const first = prose.find((l) => pattern.test(visibleText(l.raw)));
    if (!first) continue;
    // The first visible match must sit inside a Term link for this entry.
    const spans = [...first.raw.matchAll(/<Term\s+id="([a-z0-9-]+)"\s*>([\s\S]*?)<\/Term>/g)];
    const firstMatch = pattern.exec(visibleText(first.raw));
    const linked = spans.some((s) => s[1] === entry.id && pattern.test(s[2] ?? ''));
    const beforeLink = visibleText(first.raw.slice(0, spans.find((s) => s[1] === entry.id)?.index ?? first.raw.length));
    if (!firstMatch || !linked || pattern.test(beforeLink)) problems.push({ id: entry.id, line: first.line });
  }
  return problems;
}

/** Every <Term id> and <Estimate id> a body uses, to check each names an entry that exists. */
export function termIds(body: string): string[] {
  return [...body.matchAll(/<Term\s+id="([^"]*)"/g)].map((m) => m[1] ?? '');
}

export function estimateIds(body: string): string[] {
  return [...body.matchAll(/<Estimate\s+id="([^"]*)"\s*\/>/g)].map((m) => m[1] ?? '');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
