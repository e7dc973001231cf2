/** `value` after a JSON round trip: what a stored or logged plan reads back as. */
export function viaJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
