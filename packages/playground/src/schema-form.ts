// A form generated from a strategy's JSON Schema (`zoo.describe(name).schema`): numbers, integers,
// booleans and enums get their own inputs, anything else (tuples, arrays, objects) a JSON field.
// The form never validates: the library does, and its error text is what the page shows.

interface Property {
  type?: string;
  enum?: unknown[];
  default?: unknown;
  description?: string;
}

/** One field: reads its value, undefined when left empty (the strategy's default then applies). */
type Field = () => unknown;

/** Not JSON: kept as typed, so the library names the bad value in its error. */
const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** A number field's starting text: numbers and strings as they are, anything else as JSON. */
const numberText = (value: unknown): string =>
  value === undefined ? '' : typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);

function input(property: Property, value: unknown): [HTMLElement, Field] {
  const choices = property.enum;
  if (choices) {
    const select = document.createElement('select');
    for (const option of choices) select.add(new Option(String(option), String(option), false, option === value));
    return [select, () => choices.find((o) => String(o) === select.value)];
  }
  if (property.type === 'boolean') {
    const box = Object.assign(document.createElement('input'), { type: 'checkbox', checked: value === true });
    return [box, () => box.checked];
  }
  if (property.type === 'number' || property.type === 'integer') {
    const field = Object.assign(document.createElement('input'), { type: 'text', inputMode: 'decimal', value: numberText(value) });
    // Text, not type=number: the browser would blank out what it cannot parse instead of letting the library say why.
    return [field, () => (field.value.trim() === '' ? undefined : Number.isNaN(Number(field.value)) ? field.value : Number(field.value))];
  }
  const area = Object.assign(document.createElement('textarea'), { rows: 2, value: value === undefined ? '' : JSON.stringify(value), placeholder: 'JSON' });
  return [area, () => (area.value.trim() === '' ? undefined : parseJson(area.value))];
}

/**
 * Fills `form` with one field per option of `schema`, starting from `values` (defaults and
 * examples); `onChange` runs on every edit. Returns a reader of the current options.
 */
export function buildForm(form: HTMLFormElement, schema: Record<string, unknown>, values: Record<string, unknown>, onChange: () => void): () => Record<string, unknown> {
  form.replaceChildren();
  const fields: [string, Field][] = [];
  const properties = (schema.properties ?? {}) as Record<string, Property>;
  for (const [name, property] of Object.entries(properties)) {
    const [element, read] = input(property, values[name] ?? property.default);
    element.id = `option-${name}`;
    element.setAttribute('name', name);
    const label = document.createElement('label');
    const caption = Object.assign(document.createElement('span'), { textContent: name });
    label.append(caption, element);
    if (property.description) label.append(Object.assign(document.createElement('small'), { textContent: property.description }));
    form.append(label);
    fields.push([name, read]);
  }
  form.oninput = onChange;
  form.onchange = onChange;
  form.onsubmit = (event) => event.preventDefault();
  return () => Object.fromEntries(fields.map(([name, read]) => [name, read()] as const).filter(([, v]) => v !== undefined));
}
