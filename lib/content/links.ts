// Links into the consultation form from content: the page's slug travels with the reader.
export function consultHref(fromSlug?: string): string {
  return fromSlug ? `/consult?from=${encodeURIComponent(fromSlug)}` : '/consult';
}

export const guidePath = (slug: string) => `/guide/${slug}`;
