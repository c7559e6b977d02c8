import type { Heading } from '@/lib/content/rules';

/** The page's own contents: its sections, linked by anchor. */
export function OnThisPage({ headings }: { headings: Heading[] }) {
  const sections = headings.filter((h) => h.level === 2);
  if (sections.length < 2) return null;
  return (
    <nav aria-labelledby="on-this-page" className="my-6 border-l-4 border-brand bg-white py-3 pl-5 pr-4">
      <h2 id="on-this-page" className="m-0 text-lg font-bold">
        On this page
      </h2>
      <ol className="mt-2 mb-0 list-none space-y-1 p-0 text-base">
        {sections.map((h) => (
          <li key={h.id}>
            <a href={`#${h.id}`}>{h.text}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
