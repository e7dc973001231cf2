/** The part of cli-progress (3.12.0, no bundled typings) that mixzoo uses. */
declare module 'cli-progress' {
  interface Options {
    stream?: NodeJS.WritableStream;
    /** Print updates (as new lines, every notTTYSchedule ms) when the stream is not a TTY. */
    noTTYOutput?: boolean;
    notTTYSchedule?: number;
    format?: string;
    hideCursor?: boolean;
  }
  interface Preset {
    barCompleteChar: string;
    barIncompleteChar: string;
  }
  interface SingleBar {
    start(total: number, start: number, payload?: Record<string, unknown>): void;
    update(payload: Record<string, unknown>): void;
    update(value: number, payload?: Record<string, unknown>): void;
    increment(delta?: number, payload?: Record<string, unknown>): void;
    stop(): void;
  }
  const cliProgress: {
    SingleBar: new (options: Options, preset?: Preset) => SingleBar;
    Presets: { shades_classic: Preset; legacy: Preset; rect: Preset };
  };
  export default cliProgress;
}
