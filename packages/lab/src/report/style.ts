/** The report's stylesheet: print-friendly, no web fonts, no external resources. */
export const REPORT_CSS = `
:root { --ink: #1d2430; --muted: #5d6778; --line: #dde2ea; --accent: #2f6fb3; --good: #1e7a3c; --bad: #b3261e; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 "Helvetica Neue", Helvetica, Arial, sans-serif; color: var(--ink); background: #f6f7f9; }
main { max-width: 1180px; margin: 0 auto; padding: 32px 40px 48px; background: white; min-height: 100vh; }
h1 { font-size: 28px; margin: 0 0 4px; letter-spacing: -0.01em; }
h2 { font-size: 20px; margin: 40px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
.lead { color: var(--muted); margin: 0 0 20px; }
nav { font-size: 13px; margin-bottom: 8px; }
nav a { color: var(--accent); margin-right: 14px; text-decoration: none; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { text-align: left; font-weight: 600; font-size: 13px; color: var(--muted); background: #fafbfc; }
table.config td { padding: 3px 10px; }
table.config td:first-child { color: var(--muted); white-space: nowrap; }
table.results td.num { text-align: right; white-space: nowrap; }
table.results th.num { text-align: right; }
table.results td.strategy { font-weight: 600; white-space: nowrap; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; }
.best { font-weight: 700; }
.sub { display: block; font-size: 11.5px; color: var(--muted); }
.up { color: var(--good); }
.down { color: var(--bad); }
.sig::after { content: " *"; }
figure { margin: 16px 0 8px; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 13px; color: var(--muted); max-width: 900px; margin-top: 6px; }
.gallery { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 18px; }
.gallery figure { margin: 0; }
.gallery img { width: 100%; max-width: 600px; height: auto; border: 1px solid var(--line); border-radius: 4px; }
.gallery figcaption { font-weight: 600; color: var(--ink); }
.gallery figcaption span { font-weight: 400; color: var(--muted); }
.scroll { overflow-x: auto; }
.tables { display: flex; flex-wrap: wrap; gap: 8px 32px; align-items: flex-start; }
.tables figure { margin: 8px 0; }
dl.metrics dt { font-weight: 600; margin-top: 10px; }
dl.metrics dd { margin: 2px 0 0 0; color: var(--muted); max-width: 900px; }
footer { margin-top: 40px; font-size: 12.5px; color: var(--muted); }
footer a { color: var(--accent); }
@media print { body { background: white; } main { padding: 0; } }
`;
