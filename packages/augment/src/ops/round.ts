/** Python's round() and torch.round: halves go to the even neighbour (2.5 → 2, 3.5 → 4). */
export function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
