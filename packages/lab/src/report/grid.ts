import sharp from 'sharp';

/** Small images are upscaled (nearest) to at least this many pixels so captions stay readable. */
const MIN_TILE = 140;
const CAPTION_HEIGHT = 20;
const FONT_SIZE = 13;
/** Rough advance of one DejaVu Sans glyph at FONT_SIZE, to keep captions inside their tile. */
const CHAR_WIDTH = 0.6 * FONT_SIZE;
const GAP = 4;
const BACKGROUND = 0x20;

export interface GridLayout {
  columns: number;
  rows: number;
  /** Integer upscale factor of each image. */
  scale: number;
  tileWidth: number;
  tileHeight: number;
  captionHeight: number;
  gap: number;
  /** Size of the whole picture. */
  width: number;
  height: number;
  /** Characters a caption may have before it overflows its tile. */
  captionChars: number;
}

/** A near-square grid of `n` tiles of h×w images (or `columns` wide), each with a caption strip below. */
export function gridLayout(n: number, height: number, width: number, columns = Math.ceil(Math.sqrt(n))): GridLayout {
  const rows = Math.ceil(n / columns);
  const scale = Math.max(1, Math.ceil(MIN_TILE / Math.max(height, width)));
  const tileWidth = width * scale;
  const tileHeight = height * scale;
  return {
    columns,
    rows,
    scale,
    tileWidth,
    tileHeight,
    captionHeight: CAPTION_HEIGHT,
    gap: GAP,
    width: columns * tileWidth + (columns + 1) * GAP,
    height: rows * (tileHeight + CAPTION_HEIGHT) + (rows + 1) * GAP,
    captionChars: Math.floor(tileWidth / CHAR_WIDTH),
  };
}

function tileOrigin(layout: GridLayout, i: number): { left: number; top: number } {
  const column = i % layout.columns;
  const row = Math.floor(i / layout.columns);
  return {
    left: GAP + column * (layout.tileWidth + GAP),
    top: GAP + row * (layout.tileHeight + CAPTION_HEIGHT + GAP),
  };
}

/** Grid pixels as 8-bit RGB: each image upscaled by nearest neighbour; 1-channel images as gray. */
function paintTiles(pixels: Float32Array, shape: readonly number[], layout: GridLayout): Buffer {
  const [n, h, w, c] = shape;
  const out = Buffer.alloc(layout.width * layout.height * 3, BACKGROUND);
  const byte = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 255);
  for (let i = 0; i < n; i++) {
    const { left, top } = tileOrigin(layout, i);
    for (let y = 0; y < layout.tileHeight; y++) {
      const srcRow = (i * h + Math.floor(y / layout.scale)) * w;
      let o = ((top + y) * layout.width + left) * 3;
      for (let x = 0; x < layout.tileWidth; x++, o += 3) {
        const s = (srcRow + Math.floor(x / layout.scale)) * c;
        const gray = c < 3;
        out[o] = byte(pixels[s]);
        out[o + 1] = byte(pixels[gray ? s : s + 1]);
        out[o + 2] = byte(pixels[gray ? s : s + 2]);
      }
    }
  }
  return out;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** One SVG layer holding every caption, centred in the strip under its tile. */
function captionLayer(captions: readonly string[], layout: GridLayout): Buffer {
  const texts = captions.map((caption, i) => {
    const { left, top } = tileOrigin(layout, i);
    const x = left + layout.tileWidth / 2;
    const y = top + layout.tileHeight + CAPTION_HEIGHT - 6;
    return `<text x="${x}" y="${y}" text-anchor="middle">${escapeXml(caption)}</text>`;
  });
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}">` +
      `<g font-family="DejaVu Sans, Arial, sans-serif" font-size="${FONT_SIZE}" fill="#eeeeee">${texts.join('')}</g></svg>`,
  );
}

/**
 * A PNG grid of NHWC images in [0, 1] (1 or 3+ channels; extra channels are ignored), one
 * caption per image.
 */
export async function renderGrid(pixels: Float32Array, shape: readonly [number, number, number, number], captions: readonly string[], columns?: number): Promise<Buffer> {
  const [n, h, w] = shape;
  const layout = gridLayout(n, h, w, columns);
  const raw = paintTiles(pixels, shape, layout);
  return sharp(raw, { raw: { width: layout.width, height: layout.height, channels: 3 } })
    .composite([{ input: captionLayer(captions, layout), top: 0, left: 0 }])
    .removeAlpha() // compositing the SVG adds an alpha channel; the grid is opaque
    .png()
    .toBuffer();
}
