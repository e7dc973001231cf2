import cliProgress from 'cli-progress';
import type { StudyEvent } from '@mixzoo/lab';

/** Bar units per epoch: the bar moves with every batch, not only at epoch ends. */
const UNITS = 100;

/** "1h02m", "3m05s", "42s". */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

export interface StudyProgress {
  onProgress(event: StudyEvent): void;
  /** Stops the bar (call also on errors). */
  stop(): void;
}

/**
 * A study's progress on `stream` (stderr): a bar with runs, epochs and ETA on a terminal; one
 * plain line per skipped run and per epoch (with an ETA) when the stream is not a TTY (logs, CI).
 * With workers, runs train side by side: the bar sums their progress, and a failed run gets a line.
 */
export function studyProgress(stream: NodeJS.WriteStream = process.stderr, now: () => number = () => performance.now()): StudyProgress {
  // Typed boolean, but streams that are not TTYs leave isTTY undefined.
  const tty = (stream.isTTY as boolean | undefined) === true;
  const bar = tty
    ? new cliProgress.SingleBar(
        { stream, format: '{bar} {percentage}% | run {run}/{runs} {id} | epoch {epoch}/{epochs} | ETA {eta_formatted}', hideCursor: true },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  let started = 0;
  let epochs = 1;
  let pending = 0;
  let finishedRuns = 0; // runs trained by this call
  let epochsDone = 0;
  const active = new Map<string, number>(); // runs in training (several with workers): the share of each done
  const trained = () => finishedRuns + [...active.values()].reduce((s, v) => s + v, 0);
  const current = (id: string) => (active.size > 1 ? `${active.size} runs in training` : id);
  const line = (text: string) => stream.write(`${text}\n`);
  const eta = () => ((now() - started) / epochsDone) * (pending * epochs - epochsDone);

  return {
    onProgress(event) {
      switch (event.type) {
        case 'plan':
          ({ epochs, pending } = event);
          started = now();
          line(`compare: ${event.total} runs × ${epochs} epochs; ${pending} to train${event.workers ? ` on ${event.workers} workers` : ''}, ${event.total - pending} found in results.json.`);
          if (pending > 0) bar?.start(pending * epochs * UNITS, 0, { run: 0, runs: event.total, id: '', epoch: 0, epochs });
          break;
        case 'skip':
          if (!tty) line(`[${event.run.index}/${event.run.total}] ${event.run.id}: found in results.json, skipped`);
          break;
        case 'run-start':
          active.set(event.run.id, 0);
          bar?.update({ run: event.run.index, id: current(event.run.id), epoch: 0 });
          break;
        case 'batch':
          active.set(event.run.id, event.done / event.total);
          bar?.update(Math.round(trained() * epochs * UNITS));
          break;
        case 'epoch': {
          epochsDone++;
          if (tty) bar?.update({ epoch: event.epoch });
          else {
            const { record } = event;
            const left = pending * epochs - epochsDone;
            line(
              `[${event.run.index}/${event.run.total}] ${event.run.id} epoch ${event.epoch}/${event.epochs}: test accuracy ${(100 * record.test.accuracy).toFixed(2)}%, ` +
                `train loss ${record.trainLoss.toFixed(3)}, ${record.seconds.toFixed(1)} s${left > 0 ? `, ETA ${duration(eta() / 1000)}` : ''}`,
            );
          }
          break;
        }
        case 'run-end':
          active.delete(event.run.id);
          finishedRuns++;
          bar?.update(Math.round(trained() * epochs * UNITS));
          break;
        case 'run-failed':
          active.delete(event.run.id);
          line(`[${event.run.index}/${event.run.total}] ${event.run.id}: failed: ${event.error}`);
          break;
        case 'report':
          bar?.stop();
          line('compare: writing results.csv, results.md and report.html');
          break;
      }
    },
    stop: () => bar?.stop(),
  };
}
