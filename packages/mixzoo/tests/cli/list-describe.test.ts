import { beforeAll, describe, expect, it } from 'vitest';
import { createZoo, type Zoo } from 'mixzoo';
import { describeCommand } from '../../src/cli/describe.js';
import { listCommand } from '../../src/cli/list.js';
import { optionRows, schemaType } from '../../src/cli/schema-text.js';
import { mixzoo } from '../helpers/cli.js';

let zoo: Zoo;
beforeAll(async () => {
  zoo = await createZoo({ seed: 0, backend: 'cpu' });
});

describe('listCommand', () => {
  it('tabulates every strategy with its family and summary', () => {
    const text = listCommand(zoo);
    expect(text).toMatch(/│ name +│ family +│ summary +│/);
    for (const name of zoo.list()) {
      const d = zoo.describe(name);
      expect(text).toMatch(new RegExp(`│ ${name} +│ ${d.family} +│`));
    }
  });

  it('--json is the array of describe() objects, sorted by name', () => {
    const parsed = JSON.parse(listCommand(zoo, { json: true })) as { name: string }[];
    expect(parsed.map((d) => d.name)).toEqual(zoo.list());
    expect(parsed).toEqual(zoo.list().map((name) => zoo.describe(name)));
  });
});

describe('describeCommand', () => {
  it('shows name, family, paper, summary and one row per option with its default and type', () => {
    const d = zoo.describe('mixup');
    const text = describeCommand(zoo, 'mixup');
    expect(text.split('\n')[0]).toBe('mixup  (family: mixup)');
    expect(text).toContain(`Paper:   ${d.paper}`);
    expect(text).toContain(`Summary: ${d.summary}`);
    expect(text).toMatch(/│ alpha +│ 1 +│ number >= 0 +│ Beta\(alpha, alpha\)/);
    expect(text).toMatch(/│ mode +│ "batch" +│ 'batch' \| 'elem' \| 'pair' +│/);
    expect(text).toMatch(/│ prob +│ 1 +│ number >= 0, <= 1 +│/);
  });

  it('marks options without default as required', () => {
    expect(describeCommand(zoo, 'choice')).toMatch(/│ of +│ \(required\) +│ array of \{ name, weight, options\? \}/);
  });

  it('--json is describe()', () => {
    expect(JSON.parse(describeCommand(zoo, 'mixup', { json: true }))).toEqual(zoo.describe('mixup'));
  });

  it('throws the unknown-strategy error with a suggestion', () => {
    expect(() => describeCommand(zoo, 'mixpu')).toThrow(/Unknown strategy 'mixpu'\. Did you mean 'mixup'\?/);
  });
});

describe('schemaType', () => {
  it('renders enums, bounds, tuples, arrays, objects and unions', () => {
    expect(schemaType({ type: 'string', enum: ['a', 'b'] })).toBe("'a' | 'b'");
    expect(schemaType({ type: 'number', minimum: 0, maximum: 1 })).toBe('number >= 0, <= 1');
    expect(schemaType({ type: 'integer', exclusiveMinimum: 0 })).toBe('integer > 0');
    expect(schemaType({ type: 'number' })).toBe('number');
    expect(schemaType({ type: 'array', prefixItems: [{ type: 'number' }, { type: 'number' }] })).toBe('[number, number]');
    const unit = { type: 'number', minimum: 0, maximum: 1 };
    expect(schemaType({ type: 'array', prefixItems: [unit, unit] })).toBe('[number, number] each >= 0, <= 1');
    expect(schemaType({ type: 'array', prefixItems: [{ type: 'number', exclusiveMinimum: 0 }, { type: 'string' }] })).toBe('[number > 0; string]');
    expect(schemaType({ type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER })).toBe('integer >= 1');
    expect(schemaType({ type: 'array', items: { type: 'boolean' }, minItems: 2 })).toBe('array of boolean (items >= 2)');
    expect(schemaType({ type: 'object', properties: { a: {}, b: {} }, required: ['a'] })).toBe('{ a, b? }');
    expect(schemaType({ anyOf: [{ type: 'number' }, { const: 'auto' }] })).toBe('number | "auto"');
    expect(schemaType(undefined)).toBe('any');
  });

  it('optionRows: default, required or none', () => {
    const rows = optionRows({
      type: 'object',
      properties: { a: { type: 'number', default: 2, description: 'A.' }, b: { type: 'string' }, c: { type: 'boolean' } },
      required: ['b'],
    });
    expect(rows).toEqual([
      ['a', '2', 'number', 'A.'],
      ['b', '(required)', 'string', ''],
      ['c', '-', 'boolean', ''],
    ]);
  });
});

describe('mixzoo list / describe (built CLI)', () => {
  it('list --json and describe --json print the zoo', async () => {
    const [list, one] = await Promise.all([mixzoo(['list', '--json']), mixzoo(['describe', 'mixup', '--json'])]);
    expect(list.code).toBe(0);
    const names = (JSON.parse(list.stdout) as { name: string }[]).map((d) => d.name);
    expect(names).toEqual(zoo.list());
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout)).toEqual(zoo.describe('mixup'));
  });

  it('list prints a table and describe an options table', async () => {
    const [list, one] = await Promise.all([mixzoo(['list']), mixzoo(['describe', 'mixup'])]);
    expect(list.stdout).toMatch(/│ mixup +│ mixup +│ \S/);
    expect(list.stdout).toContain(zoo.describe('mixup').summary.split(' ').slice(0, 3).join(' '));
    expect(one.stdout).toMatch(/│ pairing +│ "random" +│ 'random' \| 'derangement' \| 'flip' \| 'roll' +│/);
  });
});
