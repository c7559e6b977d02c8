import { GLOSSARY_PATH, glossaryAnchor } from '@/lib/content/glossary';

/** A word explained in the glossary, linked where a page first uses it (no hover, no script). */
export function Term({ id, children }: { id: string; children: React.ReactNode }) {
  return (
    <a href={`${GLOSSARY_PATH}#${glossaryAnchor(id)}`} className="term">
      {children}
      <span className="sr-only"> (glossary)</span>
    </a>
  );
}
