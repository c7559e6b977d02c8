import { estimateAnchor } from '@/lib/content/glossary';
import { REFERENCES_PATH } from '@/lib/content/references';

/** Marks a figure that is an estimate with no single study behind it, linked to the note that says why. */
export function Estimate({ id }: { id: string }) {
  return (
    <sup className="estimate">
      <a href={`${REFERENCES_PATH}#${estimateAnchor(id)}`} aria-label="Estimate: no single study gives this figure">
        [estimate]
      </a>
    </sup>
  );
}
