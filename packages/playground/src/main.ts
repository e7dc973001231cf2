// The playground: pick a strategy, edit its options, see the mixed batch, its plan, the λ
// distribution and the time per backend. Everything runs in the page, on mixzoo's browser entry.
import { backendInfo, createZoo, setWasmPaths, tf, type Mixer, type MixPlan, type MixZoo } from 'mixzoo';
import { caption, drawGrid } from './grid.js';
import { drawHistogram } from './histogram.js';
import { mnistBatch, ownBatch, toTensors, type Images } from './images.js';
import { byId, required } from './dom.js';
import { buildForm } from './schema-form.js';

const $ = (id: string) => byId(id, HTMLElement);
const ui = {
  backend: byId('backend', HTMLSelectElement),
  status: $('status'),
  kernels: $('kernels'),
  backendError: $('backend-error'),
  strategy: byId('strategy', HTMLSelectElement),
  summary: $('summary'),
  options: byId('options', HTMLFormElement),
  optionsError: $('options-error'),
  files: byId('files', HTMLInputElement),
  drop: $('drop'),
  seed: byId('seed', HTMLInputElement),
  remix: $('remix'),
  grid: byId('grid', HTMLCanvasElement),
  histogram: byId('histogram', SVGSVGElement),
  timings: required(byId('timings', HTMLTableElement).querySelector('tbody'), '#timings tbody'),
  plan: byId('plan', HTMLTextAreaElement),
  copy: $('copy'),
  replay: $('replay'),
  planError: $('plan-error'),
};
const sources = () => document.querySelectorAll<HTMLInputElement>('input[name="source"]');

const state: { zoo?: MixZoo; mixer?: Mixer; readOptions?: () => Record<string, unknown>; images?: Images; digits?: Images; own?: Images } = {};
/** The zoo, mixer, form and images: set up by main() before any action runs. */
const ready = <K extends keyof typeof state>(key: K) => required(state[key], `state.${key}`);
const timings = new Map<string, { sample: number; apply: number }>();

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

let queue = Promise.resolve();
let pending = 0;
/** Runs UI actions one at a time, in order (each may wait for the GPU); `body[data-busy]` says whether any is left. */
function serial(action: () => Promise<void>): void {
  pending++;
  document.body.dataset.busy = 'true';
  queue = queue
    .then(action)
    .catch((error: unknown) => void (ui.status.textContent = `failed: ${message(error)}`))
    .finally(() => {
      pending--;
      if (pending === 0) document.body.dataset.busy = 'false';
    });
}

/** Starts a zoo on `backend` ('auto' first): a backend that cannot start leaves the current one and says why. */
async function useBackend(backend: string): Promise<void> {
  ui.backendError.textContent = '';
  try {
    state.zoo = await createZoo({ seed: Number(ui.seed.value) || 0, backend: backend as 'auto' });
  } catch (error) {
    ui.backendError.textContent = message(error);
  }
  const { backend: active, fused } = backendInfo();
  ui.backend.value = active;
  ui.status.textContent = `running on ${active}`;
  ui.kernels.textContent = fused.length > 0 ? `fused kernels: ${fused.join(', ')}` : 'no fused kernels here: composed tfjs ops';
}

/** Rebuilds the options form of the chosen strategy, with its defaults and required examples. */
async function chooseStrategy(): Promise<void> {
  const description = ready('zoo').describe(ui.strategy.value);
  ui.summary.textContent = `${description.summary} (${description.paper})`;
  const values = { ...description.defaults, ...Object.fromEntries(description.required.map((r) => [r.name, r.example])) };
  state.readOptions = buildForm(ui.options, description.schema, values, () => serial(update));
  await update();
}

/** Creates the mixer from the form (the library validates; its error text is shown as is), then mixes. */
async function update(): Promise<void> {
  try {
    state.mixer = ready('zoo').create(ui.strategy.value, ready('readOptions')());
    ui.optionsError.textContent = '';
  } catch (error) {
    ui.optionsError.textContent = message(error);
    return;
  }
  histogram();
  await mix();
}

const shapeOf = (images: Images) => ({ batchSize: images.shape[0], height: images.shape[1], width: images.shape[2], channels: images.shape[3] });

/** Samples a plan (or replays `given`), applies it, and shows the grid, the plan and the times. */
async function mix(given?: MixPlan): Promise<void> {
  const images = ready('images');
  const { inputs, labels } = toTensors(images);
  try {
    const t0 = performance.now();
    const plan = given ?? ready('mixer').sample(shapeOf(images), { inputs });
    const t1 = performance.now();
    const out = ready('mixer').apply({ inputs, labels, numClasses: images.classNames.length }, plan);
    const pixels = (await out.inputs.data()) as Float32Array; // waits for the GPU: part of the apply time
    const t2 = performance.now();
    tf.dispose([out.inputs, out.labels, ...Object.values(out.targets ?? {})]);
    timings.set(tf.getBackend(), { sample: given ? NaN : t1 - t0, apply: t2 - t1 });
    drawGrid(ui.grid, pixels, out.inputs.shape, images.labels.map((_, i) => caption(plan, i, (s) => images.classNames[images.labels[s]])));
    ui.plan.value = JSON.stringify(plan, null, 1);
    ui.planError.textContent = '';
    showTimings();
  } catch (error) {
    (given ? ui.planError : ui.optionsError).textContent = message(error);
  } finally {
    tf.dispose([inputs, labels]);
  }
}

/** λ of 64 plans of a fresh mixer with the same options, against Beta(α, α) (Beta(α + 1, α) for reformulated FMix). */
function histogram(): void {
  const options = ready('readOptions')();
  const mixer = ready('zoo').create(ui.strategy.value, options);
  const { inputs } = toTensors(ready('images'));
  const lambdas: number[] = [];
  try {
    for (let k = 0; k < 64; k++) {
      const plan = mixer.sample(shapeOf(ready('images')), { inputs }) as MixPlan & { weights?: number[][] };
      lambdas.push(...(plan.weights ? plan.weights.map((w) => w[0]) : plan.lambda));
    }
  } catch {
    // the grid shows why this strategy cannot sample here
  } finally {
    inputs.dispose();
  }
  const alpha = Number(options.alpha ?? ready('zoo').describe(ui.strategy.value).defaults.alpha);
  const beta: [number, number] | undefined = alpha > 0 ? [options.reformulate === true ? alpha + 1 : alpha, alpha] : undefined;
  drawHistogram(ui.histogram, lambdas, beta);
}

function showTimings(): void {
  const ms = (v: number) => (Number.isNaN(v) ? '—' : v.toFixed(1));
  ui.timings.replaceChildren(
    ...[...timings].map(([backend, t]) => {
      const row = document.createElement('tr');
      row.append(...[backend, ms(t.sample), ms(t.apply)].map((text) => Object.assign(document.createElement('td'), { textContent: text })));
      return row;
    }),
  );
}

async function useOwnImages(files: File[]): Promise<void> {
  const images = files.filter((f) => f.type.startsWith('image/'));
  if (images.length < 2) {
    ui.optionsError.textContent = `Drop at least 2 images (got ${images.length}): each one is its own class, mixed with the others.`;
    return;
  }
  state.own = await ownBatch(images);
  const own = required([...sources()].find((s) => s.value === 'own'), 'the "own images" source');
  own.disabled = false;
  own.checked = true;
  state.images = state.own;
  await update();
}

async function main(): Promise<void> {
  // The wasm binaries ship next to the page (see vite.config.ts).
  setWasmPaths(new URL('wasm/', document.baseURI).href);
  state.digits = state.images = await mnistBatch(new URL('digits.bin', document.baseURI).href);
  await useBackend(new URLSearchParams(location.search).get('backend') ?? 'auto');
  ui.strategy.replaceChildren(...ready('zoo').list().map((name) => new Option(name, name, false, name === 'mixup')));
  ui.strategy.onchange = () => serial(chooseStrategy);
  ui.backend.onchange = () =>
    serial(async () => {
      await useBackend(ui.backend.value);
      await update();
    });
  ui.seed.onchange = () =>
    serial(async () => {
      await useBackend(tf.getBackend());
      await update();
    });
  ui.remix.onclick = () => serial(() => mix());
  ui.copy.onclick = () => {
    // navigator.clipboard exists only in secure contexts (https, localhost).
    if ('clipboard' in navigator) void navigator.clipboard.writeText(ui.plan.value);
  };
  ui.replay.onclick = () =>
    serial(async () => {
      let plan: MixPlan;
      try {
        plan = JSON.parse(ui.plan.value) as MixPlan;
      } catch (error) {
        ui.planError.textContent = `The plan is not JSON: ${message(error)}`;
        return;
      }
      await mix(plan);
    });
  for (const source of sources()) {
    source.onchange = () => {
      serial(async () => {
        state.images = source.value === 'own' && state.own ? state.own : state.digits;
        await update();
      });
    };
  }
  ui.files.onchange = () => serial(() => useOwnImages([...(ui.files.files ?? [])]));
  ui.drop.ondragover = (event) => {
    event.preventDefault();
    ui.drop.classList.add('over');
  };
  ui.drop.ondragleave = () => ui.drop.classList.remove('over');
  ui.drop.ondrop = (event) => {
    event.preventDefault();
    ui.drop.classList.remove('over');
    const files = [...(event.dataTransfer?.files ?? [])];
    serial(() => useOwnImages(files));
  };
  await chooseStrategy();
  document.body.dataset.busy = 'false';
  document.body.dataset.ready = 'true';
}

main().catch((error: unknown) => {
  ui.status.textContent = `failed: ${message(error)}`;
  throw error;
});
