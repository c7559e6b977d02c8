// `npm run content:check`: each guide page's reading grade, and any breach of the content rules (decision 0004):
// a figure with no citation or estimate marker, a red flag without the emergency card, a glossary word not linked
// on first use. Exits 1 when a page reads above grade 8 or breaks a rule, so CI can run it.
import { emergencyCardProblems, unlinkedFirstUses, unsourcedFigures } from '@/lib/content/checks';
import { glossary } from '@/lib/content/glossary';
import { listGuidePages } from '@/lib/content/guide';
import { MAX_READING_GRADE, readability } from '@/lib/content/readability';

let failed = false;
const rows: string[] = [];
for (const page of listGuidePages()) {
  const r = readability(page.body);
  const problems = [
    ...(r.grade > MAX_READING_GRADE ? [`reads at grade ${r.grade}, above ${MAX_READING_GRADE}`] : []),
    ...unsourcedFigures(page.body).map((u) => `line ${u.line}: ${u.figures.join(', ')} with no <Cite> or <Estimate>: ${u.text.slice(0, 80)}`),
    ...emergencyCardProblems(page.body),
    ...unlinkedFirstUses(page.body, glossary).map((t) => `line ${t.line}: first use of "${t.id}" is not a <Term> link`),
  ];
  if (problems.length) failed = true;
  rows.push(
    `${page.slug.padEnd(28)} grade ${r.grade.toFixed(1).padStart(4)}  (limit ${MAX_READING_GRADE})  ${String(r.words).padStart(5)} words  ${String(r.sentences).padStart(4)} sentences  ${problems.length ? 'FAIL' : 'ok'}`,
    ...problems.map((p) => `    - ${p}`),
  );
}
console.log('Reading grade (Flesch-Kincaid) and content rules, per guide page:\n');
console.log(rows.join('\n'));
console.log(failed ? '\nSome pages break the content rules (see above).' : '\nAll pages pass.');
process.exit(failed ? 1 : 0);
