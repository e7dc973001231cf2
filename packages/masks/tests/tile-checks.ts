import { tf, type Box, type MixPlan, type MixResult, type Zoo } from 'mixzoo';
import { expect } from 'vitest';
import { codedImages, expectError, expectNoLeak, nearestSource, origin, read4d } from './helpers.js';

/** A tile as ricap and mosaic keep them in `plan.extra.tiles`. */
export interface Tile {
  source: number;
  box: Box;
  from: { y: number; x: number };
}

export function tilesOf(plan: MixPlan): Tile[][] {
  return (plan.extra as { tiles: Tile[][] }).tiles;
}

/** How many samples of a tile plan got tiles (the others are untouched). */
export function tiledCount(plan: MixPlan): number {
  return tilesOf(plan).filter((row) => row.length > 0).length;
}

const area = (b: Box) => (b.y1 - b.y0) * (b.x1 - b.x0);
const inside = (b: Box, y: number, x: number) => y >= b.y0 && y < b.y1 && x >= b.x0 && x < b.x1;

/**
 * Checks a tile strategy's output on coded images (helpers `codedImages`, `sampleOffset`
 * added to the source index when partners come from another batch) of possibly another size
 * than the plan: every output pixel lies in exactly one non-empty tile (the tile of its nearest
 * plan pixel), comes from that tile's source, and the tile is one translated crop of it (at the
 * plan's offset when the sizes match). Returns each sample's pixel ownership: source → fraction.
 */
export function checkTileOutput(out: tf.Tensor, plan: MixPlan, sampleOffset = 0): Map<number, number>[] {
  const [b, h, w, c] = out.shape as number[];
  const data = read4d(out);
  const tiles = tilesOf(plan);
  const H = plan.height!;
  const W = plan.width!;
  const problems: string[] = [];
  const note = (text: string) => {
    if (problems.length < 5) problems.push(text);
  };
  const ownership = Array.from({ length: b }, (_, i) => {
    const counts = new Map<number, number>();
    const untouched = plan.partners![i].length === 1 && plan.partners![i][0] === i;
    const live = tiles[i].filter((t) => area(t.box) > 0);
    if (untouched) expect(live, `sample ${i} is untouched`).toEqual([]);
    else expect(live.reduce((s, t) => s + area(t.box), 0), `sample ${i}: tiles cover the plan's image`).toBe(H * W);
    const shift = new Map<Tile, string>();
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const sy = nearestSource(y, H, h);
        const sx = nearestSource(x, W, w);
        const owners = live.filter((t) => inside(t.box, sy, sx));
        if (!untouched && owners.length !== 1) note(`sample ${i} (${y}, ${x}) lies in ${owners.length} tiles`);
        for (let ch = 0; ch < c; ch++) {
          const [s, oy, ox, oc] = origin(data[i][y][x][ch], h, w, c);
          const source = s - sampleOffset;
          if (untouched) {
            if ([s, oy, ox, oc].join() !== [i, y, x, ch].join()) note(`untouched sample ${i} (${y}, ${x}) came from ${[s, oy, ox, oc].join()}`);
            continue;
          }
          const tile = owners.at(0);
          if (!tile) continue;
          if (source !== tile.source || oc !== ch) note(`sample ${i} (${y}, ${x}, ${ch}) came from ${[s, oy, ox, oc].join()}, tile source ${tile.source}`);
          const offset = `${oy - y},${ox - x}`;
          if (!shift.has(tile)) shift.set(tile, offset);
          else if (shift.get(tile) !== offset) note(`sample ${i}: tile ${JSON.stringify(tile.box)} is not one translated crop`);
          if (h === H && w === W && offset !== `${tile.from.y - tile.box.y0},${tile.from.x - tile.box.x0}`) {
            note(`sample ${i} (${y}, ${x}) came from (${oy}, ${ox}), the tile's offset is ${JSON.stringify(tile.from)}`);
          }
        }
        const owner = untouched ? i : (owners[0]?.source ?? -1);
        counts.set(owner, (counts.get(owner) ?? 0) + 1);
      }
    }
    return new Map([...counts].map(([source, n]) => [source, n / (h * w)]));
  });
  expect(problems).toEqual([]);
  return ownership;
}

/**
 * Checks a tile plan's labels against the ownership measured on its output: `partners`/`weights`
 * are exactly the sources and their pixel fractions, λ the own fraction, `partner` the heaviest
 * other source; label rows (one-hot class = sample index) follow the weights.
 */
export function checkTileLabels(plan: MixPlan, ownership: Map<number, number>[], labels?: tf.Tensor): void {
  const rows = labels?.arraySync() as number[][] | undefined;
  ownership.forEach((counts, i) => {
    const sources = [...counts.keys()].sort((a, b) => a - b);
    expect([...plan.partners![i]].sort((a, b) => a - b)).toEqual(sources);
    plan.partners![i].forEach((p, k) => expect(plan.weights![i][k]).toBeCloseTo(counts.get(p)!, 12));
    expect(plan.lambda[i]).toBeCloseTo(counts.get(i) ?? 0, 12);
    const others = sources.filter((s) => s !== i);
    if (others.length === 0) expect(plan.partner[i]).toBe(i);
    else expect(counts.get(plan.partner[i])).toBe(Math.max(...others.map((s) => counts.get(s)!)));
    if (rows) rows[i].forEach((v, k) => expect(v).toBeCloseTo(counts.get(k) ?? 0, 6));
  });
}

/** checkTileOutput then checkTileLabels on a mix result. */
export function checkTileMix(out: MixResult): void {
  checkTileLabels(out.plan, checkTileOutput(out.inputs, out.plan), out.labels);
}

/**
 * A tile plan whose labels disagree with its tiles is refused (E_PLAN): weights swapped between
 * sources, λ that is not the own share, a tile moved without its weights, a layout of another size.
 * The untampered plan applies.
 */
export function expectTamperedTilePlansRefused(zoo: Zoo, name: string): void {
  const x = codedImages(6, 8, 8, 1);
  const m = zoo.create(name, { mode: 'elem' });
  const plan = m.sample({ batchSize: 6, height: 8, width: 8 });
  // A tiled sample with two sources of different weights, so swapping them changes the labels.
  const i = plan.weights!.findIndex((w) => w.length >= 2 && w[0] !== w[w.length - 1]);
  expect(i).toBeGreaterThanOrEqual(0);
  const tampered = (edit: (p: MixPlan) => void): MixPlan => {
    const copy = JSON.parse(JSON.stringify(plan)) as MixPlan;
    edit(copy);
    return copy;
  };
  const refused = (bad: MixPlan, ...parts: string[]) => expectError(() => expectNoLeak(() => m.apply({ inputs: x }, bad)), 'E_PLAN', name, ...parts);
  refused(tampered((p) => p.weights![i].reverse()), `'weights[${i}]'`, `'extra.tiles[${i}]'`);
  refused(tampered((p) => (p.lambda[i] = p.lambda[i] > 0.5 ? 0 : 1)), `'lambda[${i}]'`);
  refused(tampered((p) => tilesOf(p)[i].forEach((t) => (t.box.y1 = t.box.y0))), `'weights[${i}]'`);
  refused(tampered((p) => ((p.extra as { height: number }).height = 16)), 'laid out for 16×8');
  refused(tampered((p) => (tilesOf(p)[i][0].box.x1 = 9)), `'extra.tiles[${i}][0].box'`);
  expectNoLeak(() => m.apply({ inputs: x }, plan));
  tf.dispose(x);
}
