import type { Box, MixPlan, PlanMasks } from './plan.js';

/**
 * Nearest-neighbour mapping from a plan's H×W geometry to a target of h×w: target pixel r samples
 * source row floor((r + 0.5)·H/h). A box keeps exactly the target pixels whose source is inside it.
 */
function scaleEdge(edge: number, from: number, to: number): number {
  return Math.min(to, Math.max(0, Math.ceil((edge * to) / from - 0.5)));
}

export function scaleBox(box: Box, height: number, width: number, toHeight: number, toWidth: number): Box {
  return {
    y0: scaleEdge(box.y0, height, toHeight),
    y1: scaleEdge(box.y1, height, toHeight),
    x0: scaleEdge(box.x0, width, toWidth),
    x1: scaleEdge(box.x1, width, toWidth),
  };
}

export function scaleMasks(masks: PlanMasks, toHeight: number, toWidth: number): PlanMasks {
  const { height, width } = masks;
  const rows = Array.from({ length: toHeight }, (_, r) => Math.min(height - 1, Math.floor(((r + 0.5) * height) / toHeight)));
  const cols = Array.from({ length: toWidth }, (_, c) => Math.min(width - 1, Math.floor(((c + 0.5) * width) / toWidth)));
  const data = masks.data.map((row) => {
    if (row === null) return null;
    const out = new Array<number>(toHeight * toWidth);
    for (let r = 0; r < toHeight; r++) {
      for (let c = 0; c < toWidth; c++) out[r * toWidth + c] = row[rows[r] * width + cols[c]];
    }
    return out;
  });
  return { height: toHeight, width: toWidth, data };
}

/** The plan with boxes and masks mapped (nearest) to a target of another spatial size. */
export function scalePlanGeometry(plan: MixPlan, toHeight: number, toWidth: number): MixPlan {
  const height = plan.height;
  const width = plan.width;
  if (height === undefined || width === undefined || (height === toHeight && width === toWidth)) return plan;
  return {
    ...plan,
    height: toHeight,
    width: toWidth,
    boxes: plan.boxes?.map((box) => (box ? scaleBox(box, height, width, toHeight, toWidth) : null)),
    masks: plan.masks ? scaleMasks(plan.masks, toHeight, toWidth) : undefined,
  };
}
