// Lookups of what the page's HTML provides: a missing piece fails at once, naming what is missing.

/** `value`, or an Error naming `what` when it is null or undefined. */
export function required<T>(value: T, what: string): NonNullable<T> {
  if (value === null || value === undefined) throw new Error(`playground: ${what} is missing`);
  return value;
}

/** The element `#id`, which must be a `type` (HTMLSelectElement, SVGSVGElement, ...). */
export function byId<T extends Element>(id: string, type: abstract new () => T): T {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`playground: #${id} is missing or not a ${type.name}`);
  return element;
}

/** The 2D context of `canvas`. */
export const context2d = (canvas: HTMLCanvasElement, options?: CanvasRenderingContext2DSettings): CanvasRenderingContext2D =>
  required(canvas.getContext('2d', options), 'a 2D canvas context');
