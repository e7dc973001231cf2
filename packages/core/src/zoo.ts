import 'reflect-metadata';
import { container, inject, injectable, type DependencyContainer } from 'tsyringe';
import { z } from 'zod';
import { checkKeys, describeValue, didYouMean, isObject, MixzooError, strategyFailure } from './errors.js';
import { KERNEL_OPS, ZOO_SETTINGS, type KernelOps } from './kernel-ops.js';
import { StrategyMixer } from './mixer.js';
import { LABEL_KINDS, type LabelKind } from './labels.js';
import { optionExample, parseOptions } from './options.js';
import { createRng, type Seed } from './rng.js';
import { isStrategy, type Mixer, type Strategy } from './strategy.js';

/** A bundle of strategies; built-in families are plugins registered through this same API. */
export interface Plugin {
  name: string;
  register(zoo: Zoo): void;
}

/** Plugins may come from plain JavaScript: checked as the unknown they may be. */
function isPlugin(value: unknown): value is Plugin {
  return isObject(value) && 'name' in value && typeof value.name === 'string' && 'register' in value && typeof value.register === 'function';
}

export interface ZooSettings {
  seed: Seed;
  backend: string;
}

export interface StrategyDescription {
  name: string;
  family: string;
  paper: string;
  summary: string;
  defaults: Record<string, unknown>;
  /** Options without a default, each with an example value (from the option's zod `.meta({ examples })`). */
  required: { name: string; example?: unknown }[];
  /** JSON Schema (draft 2020-12) of the options, input side (defaults not required). */
  schema: Record<string, unknown>;
}

/** The strategies of one zoo (one per child container: zoos never see each other's registrations). */
@injectable()
export class StrategyRegistry {
  private readonly strategies = new Map<string, Strategy>();
  /** The plugin that registered each strategy (absent: registered directly with zoo.register). */
  private readonly owners = new Map<string, string>();
  readonly plugins = new Set<string>();

  add(strategy: Strategy, plugin?: string): void {
    if (this.strategies.has(strategy.name)) {
      const by = (p: string | undefined) => (p === undefined ? 'zoo.register' : `plugin '${p}'`);
      throw new MixzooError(
        'E_DUPLICATE',
        `Strategy '${strategy.name}' is already registered in this zoo (by ${by(this.owners.get(strategy.name))}); ${by(plugin)} cannot register it again: pick another name.`,
      );
    }
    this.strategies.set(strategy.name, strategy);
    if (plugin !== undefined) this.owners.set(strategy.name, plugin);
  }

  /** Removes what a plugin registered (its register() failed half-way). */
  removePlugin(plugin: string): void {
    for (const [name, owner] of this.owners) {
      if (owner === plugin) {
        this.owners.delete(name);
        this.strategies.delete(name);
      }
    }
    this.plugins.delete(plugin);
  }

  /** The plugin that registered a strategy, or undefined when it was registered directly. */
  pluginOf(name: string): string | undefined {
    return this.owners.get(name);
  }

  get(name: unknown): Strategy {
    const strategy = typeof name === 'string' ? this.strategies.get(name) : undefined;
    if (!strategy) {
      const names = this.names();
      const hint = typeof name === 'string' ? didYouMean(name, names) : '';
      throw new MixzooError('E_UNKNOWN_STRATEGY', `Unknown strategy ${describeValue(name)}.${hint} Registered: ${names.join(', ') || '(none)'}.`);
    }
    return strategy;
  }

  names(): string[] {
    return [...this.strategies.keys()].sort();
  }
}

export interface CreateOptions {
  /** Seed of this mixer's rng; defaults to the zoo's seed (mixers are seeded by seed and name). */
  seed?: Seed;
  /** How float label rows are read when a batch has no `labelKind` (default 'distribution'). */
  labelKind?: LabelKind;
}

const CREATE_SETTINGS = ['seed', 'labelKind'] as const;

/** Each option's default (options without one, e.g. required ones, are left out). */
function defaultsOf(strategy: Strategy): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(strategy.options.shape)) {
    const parsed = (field as z.ZodType).safeParse(undefined);
    if (parsed.success && parsed.data !== undefined) defaults[key] = parsed.data;
  }
  return defaults;
}

/** Options that must be given (undefined does not parse), with their example when the schema has one. */
function requiredOf(strategy: Strategy): { name: string; example?: unknown }[] {
  return Object.entries(strategy.options.shape)
    .filter(([, field]) => !(field as z.ZodType).safeParse(undefined).success)
    .map(([name, field]) => {
      const example = optionExample(field as z.ZodType);
      return example === undefined ? { name } : { name, example };
    });
}

@injectable()
export class Zoo {
  constructor(
    @inject(ZOO_SETTINGS) readonly settings: ZooSettings,
    @inject(StrategyRegistry) private readonly registry: StrategyRegistry,
    /** The pixel ops this zoo's strategies get as `ctx.kernels` (read-only; augment-then-mix pipelines use them too). */
    @inject(KERNEL_OPS) readonly kernels: KernelOps,
  ) {}

  get seed(): Seed {
    return this.settings.seed;
  }

  /** The tfjs backend in use ('wasm', 'cpu', 'tensorflow', ...). */
  get backend(): string {
    return this.settings.backend;
  }

  /** Sorted strategy names. */
  list(): string[] {
    return this.registry.names();
  }

  has(name: string): boolean {
    return this.registry.names().includes(name);
  }

  describe(name: string): StrategyDescription {
    const s = this.registry.get(name);
    return {
      name: s.name,
      family: s.family,
      paper: s.paper,
      summary: s.summary,
      defaults: defaultsOf(s),
      required: requiredOf(s),
      schema: z.toJSONSchema(s.options, { io: 'input' }),
    };
  }

  // Any state/extra/needs: a strategy's own types only matter to its own sample/apply.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- State, Extra and needs are invariant in Strategy: only any admits every strategy.
  register(strategy: Strategy<z.ZodObject, any, any, any>): this {
    if (!isStrategy(strategy)) {
      throw new MixzooError('E_PLUGIN', `register: expected a strategy made with defineStrategy(...), got ${describeValue(strategy)}.`);
    }
    this.registry.add(strategy, this.registering);
    return this;
  }

  /** The plugin whose register() is running: strategies it registers belong to it. */
  private registering: string | undefined;

  use(plugin: Plugin): this {
    if (!isPlugin(plugin)) {
      throw new MixzooError('E_PLUGIN', `use: expected a plugin { name, register(zoo) }, got ${describeValue(plugin)}.`);
    }
    if (this.registry.plugins.has(plugin.name)) {
      throw new MixzooError('E_DUPLICATE', `Plugin '${plugin.name}' is already used by this zoo.`);
    }
    this.registry.plugins.add(plugin.name);
    const outer = this.registering;
    this.registering = plugin.name;
    try {
      plugin.register(this);
    } catch (error) {
      // A failed plugin leaves nothing behind, so fixing it and calling use() again works.
      this.registry.removePlugin(plugin.name);
      if (error instanceof MixzooError && error.code === 'E_DUPLICATE') throw error;
      const reason = error instanceof Error ? error.message : describeValue(error);
      throw new MixzooError('E_PLUGIN', `use: plugin '${plugin.name}' failed to register: ${reason}`, { cause: error });
    } finally {
      this.registering = outer;
    }
    return this;
  }

  /** A configured mixer; options are validated now, not at the first batch. */
  create(name: string, options?: unknown, settings: CreateOptions = {}): Mixer {
    const strategy = this.registry.get(name);
    checkKeys(`create('${name}')`, settings, CREATE_SETTINGS);
    const { labelKind } = settings;
    if (labelKind !== undefined && !LABEL_KINDS.includes(labelKind)) {
      throw new MixzooError('E_OPTION', `create('${name}'): setting 'labelKind' must be ${LABEL_KINDS.map((k) => `'${k}'`).join(' or ')}, got ${describeValue(labelKind)}.`);
    }
    const parsed: Record<string, unknown> = parseOptions(name, strategy.options, options);
    const rng = createRng(settings.seed ?? this.seed).stream(`strategy:${name}`);
    const plugin = this.registry.pluginOf(name);
    const env = { create: (sub: string, subOptions?: unknown) => this.create(sub, subOptions, { seed: rng.stream(`setup:${sub}`).key, labelKind }), rng };
    let state: unknown;
    try {
      state = strategy.setup?.(parsed, env);
    } catch (error) {
      throw strategyFailure(`create('${name}')`, name, plugin, 'setup', error);
    }
    const mixer = new StrategyMixer(strategy, Object.freeze(parsed), rng, state, this.kernels, { plugin, labelKind });
    return strategy.wrapMixer ? strategy.wrapMixer(mixer, parsed, state) : mixer;
  }
}

export interface CoreZooOptions {
  seed?: Seed;
  backend: string;
  kernels: KernelOps;
  plugins?: readonly Plugin[];
  /** Parent container; defaults to tsyringe's root container. */
  parent?: DependencyContainer;
}

/** A zoo on its own child container. The `mixzoo` package's createZoo adds backend selection, kernels and every plugin. */
export function createCoreZoo(options: CoreZooOptions): Zoo {
  checkKeys('createCoreZoo', options, ['seed', 'backend', 'kernels', 'plugins', 'parent']);
  const child = (options.parent ?? container).createChildContainer();
  const seed = options.seed ?? 0;
  createRng(seed); // validates the seed
  child.register<ZooSettings>(ZOO_SETTINGS, { useValue: { seed, backend: options.backend } });
  child.register<KernelOps>(KERNEL_OPS, { useValue: options.kernels });
  child.registerSingleton(StrategyRegistry);
  child.registerSingleton(Zoo);
  const zoo = child.resolve(Zoo);
  for (const plugin of options.plugins ?? []) zoo.use(plugin);
  return zoo;
}
