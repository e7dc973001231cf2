import { InvalidArgumentError } from 'commander';

/** A commander argument parser for a finite number > 0. */
export function positiveNumber(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) throw new InvalidArgumentError(`expected a number > 0, got '${text}'.`);
  return value;
}

/** A commander argument parser for a finite number >= 0. */
export function nonNegativeNumber(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) throw new InvalidArgumentError(`expected a number >= 0, got '${text}'.`);
  return value;
}

/** A commander argument parser for an integer in [min, max]. */
export function integerIn(min: number, max: number): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
      throw new InvalidArgumentError(`expected an integer in [${min}, ${max}], got '${text}'.`);
    }
    return value;
  };
}
