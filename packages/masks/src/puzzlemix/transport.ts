/**
 * PuzzleMix's transport of salient blocks (follows snu-mllab/PuzzleMix mixup.py `mask_transport`):
 * on a T×T grid, block i may move to block j at cost t_eps·C_ij − s_i·z_j, where C is the squared
 * grid distance / (T−1)², s the image's saliency shares and z_j = 1 where the mask shows this image.
 * T rounds: every row picks its cheapest column; each column keeps the picker of lowest cost and
 * the others pay +1 for that column next round. Column winners are found as the reference does,
 * over the column of the "chosen costs" matrix, where unchosen entries are 0: a column whose
 * pickers all cost more than 0 has no winner (a quirk kept for parity). Ties go to the lowest index.
 *
 * Returns, per destination block j (row-major), the source block it shows, or −1 where no block
 * won (the reference shows zeros there).
 */
export function transportBlocks(t: number, shares: ArrayLike<number>, shown: ArrayLike<boolean>, tEps: number): number[] {
  const n = t * t;
  const cost = new Float64Array(n * n);
  const spread = (t - 1) ** 2;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const distance = ((Math.floor(i / t) - Math.floor(j / t)) ** 2 + ((i % t) - (j % t)) ** 2) / spread;
      cost[i * n + j] = tEps * distance - (shown[j] ? shares[i] : 0);
    }
  }
  const argminRow = (i: number) => {
    let best = 0;
    for (let j = 1; j < n; j++) if (cost[i * n + j] < cost[i * n + best]) best = j;
    return best;
  };
  // Only losers' rows change between rounds (one entry +1), so only their picks are recomputed.
  const pick = Int32Array.from({ length: n }, (_, i) => argminRow(i));
  const won = new Uint8Array(n);
  for (let round = 0; round < t; round++) {
    const pickers = Array.from({ length: n }, () => [] as number[]);
    for (let i = 0; i < n; i++) pickers[pick[i]].push(i);
    won.fill(0);
    pickers.forEach((rows, j) => {
      if (rows.length === 0) return;
      // The column argmin of the chosen costs: the cheapest picker (lowest index first) against
      // the unchosen zeros, of which the lowest row index counts (none if every row picked j).
      let best = rows[0];
      for (const i of rows) if (cost[i * n + j] < cost[best * n + j]) best = i;
      let zero = 0;
      while (zero < n && pick[zero] === j) zero++;
      const c = cost[best * n + j];
      if (zero === n || c < 0 || (c === 0 && best < zero)) won[best] = 1;
    });
    if (round === t - 1) break;
    for (let i = 0; i < n; i++) {
      if (won[i]) continue;
      cost[i * n + pick[i]] += 1;
      pick[i] = argminRow(i);
    }
  }
  const source = new Array<number>(n).fill(-1);
  for (let i = 0; i < n; i++) if (won[i]) source[pick[i]] = i;
  return source;
}
