// Axis arithmetic shared by the charts (pure).

/** A round top for an axis at or above `value`: 1, 2, 4, 5, 10, 20, 40, 50, 100… (halves stay whole numbers). */
export function niceMax(value: number): number {
  if (value <= 0) return 2;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 4, 5, 10].find((m) => m * magnitude >= value) ?? 10;
  const top = step * magnitude;
  return top < 2 ? 2 : top;
}
