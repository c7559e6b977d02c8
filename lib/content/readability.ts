// Reading grade of a guide page: the Flesch-Kincaid grade level of the text a reader sees (pure, no I/O).
// Headings, list items and table cells each count as a sentence of their own, as a reader takes them.
import { visibleText } from './checks';

/** The page's readable text as sentences: markup, markers and link addresses removed. */
export function sentencesOf(body: string): string[] {
  const sentences: string[] = [];
  let inFence = false;
  for (const raw of body.split('\n')) {
    if (/^```/.test(raw)) inFence = !inFence;
    if (inFence || /^\s*\|[\s:|-]+\|\s*$/.test(raw)) continue;
    const line = visibleText(raw).replace(/^#{1,6}\s+/, '').replace(/^\s*(?:[-*]|\d+\.)\s+/, '').replace(/[*_`]/g, '');
    const parts = line.includes('|') ? line.split('|') : [line];
    for (const part of parts) {
      for (const s of part.split(/(?<=[.!?])\s+/)) if (words(s).length) sentences.push(s.trim());
    }
  }
  return sentences;
}

export function words(text: string): string[] {
  return text.match(/[A-Za-z0-9][A-Za-z0-9'’.,%-]*/g)?.map((w) => w.replace(/[.,]+$/, '')) ?? [];
}

/** Syllables in one English word, by vowel groups (good to about one syllable in ten, as such counters are). */
export function syllables(word: string): number {
  const w = word.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (!w) return 0;
  if (/^\d/.test(w)) return Math.max(1, Math.min(3, w.replace(/\D/g, '').length)); // "20" is said "twen-ty"
  if (w.length <= 3) return 1;
  const trimmed = w.replace(/(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$/, '').replace(/^y/, '');
  const groups = trimmed.match(/[aeiouy]{1,2}/g)?.length ?? 0;
  return Math.max(1, groups);
}

export type Readability = { words: number; sentences: number; syllables: number; grade: number };

/** Flesch-Kincaid grade: 0.39 × words per sentence + 11.8 × syllables per word − 15.59, to one decimal. */
export function readability(body: string): Readability {
  const sentences = sentencesOf(body);
  const all = sentences.flatMap(words);
  const syl = all.reduce((n, w) => n + syllables(w), 0);
  const grade = all.length ? 0.39 * (all.length / sentences.length) + 11.8 * (syl / all.length) - 15.59 : 0;
  return { words: all.length, sentences: sentences.length, syllables: syl, grade: Math.round(grade * 10) / 10 };
}

/** The highest grade a page may have (decision 0004). */
export const MAX_READING_GRADE = 8;
