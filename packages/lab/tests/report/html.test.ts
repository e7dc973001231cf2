import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { renderReportHtml, scopeSvgIds } from '../../src/report/html.js';
import { fakeStudy } from './fake-runs.js';

async function png(r: number, g: number, b: number): Promise<Buffer> {
  return sharp({ create: { width: 8, height: 8, channels: 3, background: { r, g, b } } }).png().toBuffer();
}

describe('scopeSvgIds', () => {
  it('prefixes ids and every reference to them', () => {
    const svg = '<?xml version="1.0"?><svg><defs><clipPath id="clip1"><rect/></clipPath></defs><g clip-path="url(#clip1)"><use href="#clip1"/></g></svg>';
    expect(scopeSvgIds(svg, 'bars')).toBe('<svg><defs><clipPath id="bars-clip1"><rect/></clipPath></defs><g clip-path="url(#bars-clip1)"><use href="#bars-clip1"/></g></svg>');
  });
});

describe('renderReportHtml', () => {
  it('is one self-contained page: title, setup, table, four charts, pictures, glossary', async () => {
    const { config, results } = fakeStudy([1, 2, 3]);
    const samples = { none: await png(200, 0, 0), mixup: await png(0, 200, 0), cutmix: await png(0, 0, 200) };
    const html = await renderReportHtml({ config, results, images: { samples }, date: new Date('2026-01-02T03:04:00Z') });
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<title>mixzoo study: moons · mlp</title>');
    expect(html).toContain('3 strategies × 3 seeds, 3 epochs each');
    expect(html).toContain('Generated 2026-01-02 03:04 UTC.');
    expect(html).toContain('<td>train size</td><td>256</td>');
    // No external resource of any kind.
    expect(html).not.toMatch(/<script|<link|src="(?!data:)|url\((?!#)|@import/);
    // Four charts, each with its own id namespace.
    for (const id of ['bars', 'difference', 'curves', 'reliability']) expect(html).toMatch(new RegExp(`<section id="${id}"><h2>[^<]+</h2><figure><svg`));
    const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    // Axis titles and legends are in the SVG text.
    for (const text of ['epoch', 'test accuracy (%)', 'confidence', 'accuracy', '↓ lower is better', 'strategy']) expect(html).toContain(`>${text}</text>`);
    // The table: one row per strategy with mean ± std, CI and Δ with p.
    expect(html.match(/<tr><td class="strategy">/g)).toHaveLength(3);
    expect(html).toMatch(/95% CI \[[\d.]+, [\d.]+\]/);
    expect(html).toMatch(/Δ [+−][\d.]+, p = 0\.\d{3}/);
    // The pictures as data: URIs, with the strategy's options under each.
    expect(html).toContain(`src="data:image/png;base64,${samples.mixup.toString('base64')}"`);
    expect(html).toContain('<figcaption>mixup <span>alpha=0.4</span></figcaption>');
    expect(html).not.toContain('id="boundaries"');
    for (const caption of ['Expected calibration error', 'Multi-class Brier score', 'Gaussian noise of standard deviation 0.2']) expect(html).toContain(caption);
  });

  it('with augmentations: the setup lists them, and the samples section shows the augmented samples first, then each strategy\'s mix', async () => {
    const { config, results } = fakeStudy([1, 2]);
    const augmented = { ...config, augment: [{ name: 'crop', options: { padding: 2 } }, 'flip'] };
    const samples = { none: await png(200, 0, 0), mixup: await png(0, 200, 0), cutmix: await png(0, 0, 200) };
    const picture = await png(9, 9, 9);
    const html = await renderReportHtml({ config: augmented, results, images: { samples, augmented: picture } });
    expect(html).toContain('<td>augmentation</td><td>crop (padding=2); flip (defaults), per sample before mixing</td>');
    expect(html).toContain('<a href="#samples">samples</a>');
    const section = html.slice(html.indexOf('<section id="samples">'), html.indexOf('</section>', html.indexOf('<section id="samples">')));
    expect(section).toContain('<h2>Augmented and mixed samples</h2>');
    expect(section).toContain('augmented per sample (crop (padding=2); flip (defaults)), then mixed');
    const order = [picture, samples.none, samples.mixup, samples.cutmix].map((p) => section.indexOf(`src="data:image/png;base64,${p.toString('base64')}"`));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]))).toBe(true);
    expect(section).toContain('<figcaption>augmented <span>crop (padding=2); flip (defaults), before mixing</span></figcaption>');
    // A picture of augmented samples is not shown for a study without augmentation.
    const plain = await renderReportHtml({ config, results, images: { samples, augmented: picture } });
    expect(plain).not.toContain(picture.toString('base64'));
    expect(plain).toContain('<h2>Mixed samples</h2>');
    expect(plain).not.toContain('<td>augmentation</td>');
  });

  it('without none: no differences; strategy names are escaped', async () => {
    const { config, results } = fakeStudy([1, 2]);
    const renamed = results.filter((r) => r.strategy !== 'none').map((r) => (r.strategy === 'mixup' ? { ...r, strategy: '<b>mix' } : r));
    const html = await renderReportHtml({ config: { ...config, strategies: [{ name: '<b>mix' }, { name: 'cutmix' }] }, results: renamed });
    expect(html).not.toContain('id="difference"');
    expect(html).not.toContain('Δ');
    expect(html).not.toContain('<b>mix');
    expect(html).toContain('&#60;b&#62;mix');
  });
});
