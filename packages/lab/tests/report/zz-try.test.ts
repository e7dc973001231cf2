import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { renderReportHtml } from '../../src/report/html.js';
import { fakeStudy } from './fake-runs.js';
it('renders', async () => {
  const { config, results } = fakeStudy();
  const t = Date.now();
  const html = await renderReportHtml({ config, results });
  console.log('ms', Date.now() - t, html.length);
  writeFileSync('/tmp/report-try.html', html);
});
