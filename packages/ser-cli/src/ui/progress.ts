/**
 * Progress on stderr for long work. On a terminal (or with `--progress`) a bar redrawn in place;
 * otherwise plain lines (one per 10 % step, or per second when the total is unknown), so logs and CI
 * output stay readable. With `delayMs`, nothing at all is shown for work that finishes sooner.
 */
import type { OutputStream } from '../io.js';
import { horizontalBar } from './bars.js';
import { formatDuration } from './format.js';

/** How progress is shown. */
export type ProgressMode = 'bar' | 'lines' | 'none';

/** Bar on a terminal or when forced by `--progress`; plain lines otherwise. */
export function chooseProgressMode(stream: OutputStream, forceBar: boolean): ProgressMode {
  return forceBar || stream.isTTY ? 'bar' : 'lines';
}

/** Options of {@link ProgressReporter}. */
export interface ProgressOptions {
  /** Where to draw (stderr). */
  stream: OutputStream;
  /** How to draw. */
  mode: ProgressMode;
  /** What is being done (`extracting`, `analysing`). */
  label: string;
  /** Number of steps, when known. */
  total?: number;
  /** Show nothing until the work has taken this long (ms); 0 shows at once. */
  delayMs?: number;
  /** Clock in ms (for tests). */
  now?: () => number;
}

/** A progress indicator; call {@link update}/{@link increment} as work advances and {@link finish} at the end. */
export class ProgressReporter {
  private readonly stream: OutputStream;
  private readonly mode: ProgressMode;
  private readonly label: string;
  private total: number | undefined;
  private readonly delayMs: number;
  private readonly now: () => number;
  private readonly startedAt: number;
  private done = 0;
  private detail = '';
  private visible = false;
  private lastDrawAt = -Infinity;
  private lastLineStep = -1;
  private barDrawn = false;
  private finished = false;

  constructor(options: ProgressOptions) {
    this.stream = options.stream;
    this.mode = options.mode;
    this.label = options.label;
    this.total = options.total;
    this.delayMs = options.delayMs ?? 0;
    this.now = options.now ?? (() => performance.now());
    this.startedAt = this.now();
  }

  /** Sets the number of steps (when it becomes known later). */
  setTotal(total: number): void {
    this.total = total;
  }

  /** Advances by `steps` (default 1). */
  increment(steps = 1, detail?: string): void {
    this.update(this.done + steps, detail);
  }

  /** Sets the number of finished steps, with an optional short detail (file name, loss). */
  update(done: number, detail?: string): void {
    if (this.finished || this.mode === 'none') return;
    this.done = done;
    if (detail !== undefined) this.detail = detail;
    const now = this.now();
    if (!this.visible) {
      if (now - this.startedAt < this.delayMs) return;
      this.visible = true;
    }
    if (this.mode === 'bar') {
      if (now - this.lastDrawAt < 80 && done !== this.total) return;
      this.lastDrawAt = now;
      this.drawBar();
    } else {
      this.maybeWriteLine(now);
    }
  }

  /** Prints a whole line (an epoch summary, a warning) without garbling the bar. */
  log(line: string): void {
    if (this.mode === 'bar' && this.barDrawn) this.stream.write('\r\x1b[K');
    this.stream.write(`${line}\n`);
    if (this.mode === 'bar' && this.barDrawn && !this.finished) this.drawBar();
  }

  /** Ends the indicator; prints `summary` (or `label: done …`) only if progress was shown. */
  finish(summary?: string): void {
    if (this.finished) return;
    this.finished = true;
    if (this.mode === 'none' || !this.visible) return;
    const elapsed = formatDuration((this.now() - this.startedAt) / 1000);
    const text =
      summary ?? `${this.label}: done${this.total !== undefined ? ` ${this.done}/${this.total}` : ''} in ${elapsed}`;
    if (this.mode === 'bar') this.stream.write('\r\x1b[K');
    this.stream.write(`${text}\n`);
  }

  /** Removes the bar without a summary (on failure). */
  abort(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.mode === 'bar' && this.barDrawn) this.stream.write('\r\x1b[K');
  }

  private fraction(): number | undefined {
    return this.total ? Math.min(1, this.done / this.total) : undefined;
  }

  private drawBar(): void {
    const fraction = this.fraction();
    const elapsed = (this.now() - this.startedAt) / 1000;
    // A terminal without a size (columns 0, e.g. a bare pty) gets the classic 80.
    const columns = this.stream.columns && this.stream.columns >= 20 ? this.stream.columns : 80;
    let text: string;
    if (fraction === undefined) {
      text = `${this.label} ${this.done} ${formatDuration(elapsed)}`;
    } else {
      const eta = fraction > 0 && fraction < 1 ? ` eta ${formatDuration((elapsed / fraction) * (1 - fraction))}` : '';
      const percent = `${Math.floor(fraction * 100)}`.padStart(3);
      text = `${this.label} ${horizontalBar(fraction, 24)} ${percent}% ${this.done}/${this.total}${eta}`;
    }
    if (this.detail) text += ` ${this.detail}`;
    const chars = Array.from(text);
    if (chars.length > columns - 1) text = chars.slice(0, columns - 1).join('');
    this.stream.write(`\r\x1b[K${text}`);
    this.barDrawn = true;
  }

  private maybeWriteLine(now: number): void {
    const fraction = this.fraction();
    let step: number;
    if (fraction === undefined) {
      step = Math.floor((now - this.startedAt) / 1000);
    } else {
      step = Math.floor(fraction * 10);
    }
    if (step === this.lastLineStep) return;
    this.lastLineStep = step;
    const amount =
      this.total !== undefined ? `${this.done}/${this.total} (${Math.floor((fraction ?? 0) * 100)}%)` : `${this.done}`;
    this.stream.write(`${this.label}: ${amount}${this.detail ? ` ${this.detail}` : ''}\n`);
  }
}

/**
 * Runs `work`; when it takes longer than `delayMs` (default 1 s), says `label…` on `stream` meanwhile
 * (a transient line on a terminal / in bar mode, a plain line otherwise). For steps without a count,
 * such as loading a model.
 */
export async function withStatus<T>(
  stream: OutputStream,
  mode: ProgressMode,
  label: string,
  work: () => Promise<T>,
  delayMs = 1000,
): Promise<T> {
  if (mode === 'none') return work();
  let shown = false;
  const timer = setTimeout(() => {
    shown = true;
    stream.write(mode === 'bar' ? `\r\x1b[K${label}…` : `${label}…\n`);
  }, delayMs);
  try {
    return await work();
  } finally {
    clearTimeout(timer);
    if (shown && mode === 'bar') stream.write('\r\x1b[K');
  }
}
