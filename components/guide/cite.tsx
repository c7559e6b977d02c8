import { REFERENCES_PATH, referenceAnchor } from '@/lib/content/references';

/** A numbered citation: a link to the reference on the references page. */
export function Cite({ n }: { n: number }) {
  return (
    <sup className="cite">
      <a href={`${REFERENCES_PATH}#${referenceAnchor(n)}`} aria-label={`Reference ${n}`}>
        [{n}]
      </a>
    </sup>
  );
}
