import Table from 'cli-table3';

/** A plain (colourless) text table whose last column wraps at `lastWidth` characters. */
export function textTable(head: string[], rows: string[][], lastWidth = 60): string {
  const widths = head.map((h, c) => (c === head.length - 1 ? lastWidth : Math.max(h.length, ...rows.map((r) => r[c].length)) + 2));
  const table = new Table({ head, colWidths: widths, wordWrap: true, style: { head: [], border: [] } });
  table.push(...rows);
  return table.toString();
}
