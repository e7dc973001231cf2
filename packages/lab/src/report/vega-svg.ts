import type { TopLevelSpec } from 'vega-lite';

/**
 * A vega-lite spec rendered headless to an SVG string (vega's SVG renderer needs no canvas).
 * vega and vega-lite are ESM-only and large: loaded on first use, not when the lab is imported.
 */
export async function vegaLiteToSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
