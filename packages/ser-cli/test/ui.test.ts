import { describe, expect, it } from 'vitest';
import { distributionBar, horizontalBar, labelAbbreviations } from '../src/ui/bars.js';
import { fitWidth, formatDuration, formatPercent, formatTime } from '../src/ui/format.js';
import { ProgressReporter } from '../src/ui/progress.js';
import { renderConfusionTable, renderTable } from '../src/ui/table.js';

function memoryStream(isTTY = false) {
  const chunks: string[] = [];
  return {
    chunks,
    isTTY,
    columns: 80,
    write: (text: string) => (chunks.push(text), true),
    text: () => chunks.join(''),
  };
}

describe('bars', () => {
  it('draws horizontal bars with eighth-block precision and a fixed width', () => {
    expect(horizontalBar(0, 4)).toBe('    ');
    expect(horizontalBar(1, 4)).toBe('████');
    expect(horizontalBar(0.5, 4)).toBe('██  ');
    expect(horizontalBar(1 / 32, 4)).toBe('▏   ');
    expect(horizontalBar(2, 3)).toBe('███');
    expect(horizontalBar(Number.NaN, 3)).toBe('   ');
  });

  it('draws a distribution as one column per label', () => {
    expect(distributionBar([0, 0.5, 1])).toBe(' ▄█');
    expect(Array.from(distributionBar([0.1, 0.2, 0.3, 0.4])).length).toBe(4);
  });

  it('abbreviates labels to unique prefixes', () => {
    expect(labelAbbreviations(['neutral', 'sad', 'surprised', 'angry'])).toEqual(['n', 'sa', 'su', 'a']);
  });
});

describe('format', () => {
  it('formats times, durations and percentages', () => {
    expect(formatTime(0)).toBe('0:00.0');
    expect(formatTime(65.54)).toBe('1:05.5');
    expect(formatTime(59.96)).toBe('1:00.0');
    expect(formatTime(3725)).toBe('1:02:05');
    expect(formatDuration(0.25)).toBe('250 ms');
    expect(formatDuration(4.21)).toBe('4.2 s');
    expect(formatDuration(185)).toBe('3 min 5 s');
    // values that round up into the next unit are written in it
    expect(formatDuration(119.6)).toBe('2 min 0 s');
    expect(formatDuration(59.97)).toBe('1 min 0 s');
    expect(formatDuration(0.9996)).toBe('1.0 s');
    expect(formatDuration(60.4)).toBe('1 min 0 s');
    expect(formatPercent(0.8234)).toBe('82.3%');
    expect(fitWidth('angry', 7)).toBe('angry  ');
    expect(fitWidth('surprised', 5)).toBe('surp…');
  });
});

describe('tables', () => {
  it('aligns columns and draws a header rule', () => {
    const text = renderTable(
      [
        ['label', 'n'],
        ['angry', '12'],
        ['sad', '3'],
      ],
      { headerRule: true },
    );
    expect(text.split('\n')).toEqual(['label   n', '-----  --', 'angry  12', 'sad     3']);
  });

  it('renders a confusion matrix with row totals', () => {
    const text = renderConfusionTable(
      ['a', 'b'],
      [
        [3, 1],
        [0, 4],
      ],
    );
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/true \\ predicted\s+a\s+b\s+total/);
    expect(lines[2]).toMatch(/^a\s+3\s+1\s+4$/);
    expect(lines[3]).toMatch(/^b\s+0\s+4\s+4$/);
  });
});

describe('ProgressReporter', () => {
  it('writes plain lines at each 10 % step when not a terminal', () => {
    let now = 0;
    const stream = memoryStream(false);
    const progress = new ProgressReporter({ stream, mode: 'lines', label: 'work', total: 20, now: () => now });
    for (let i = 1; i <= 20; i++) {
      now += 10;
      progress.increment();
    }
    progress.finish();
    const lines = stream.text().trim().split('\n');
    expect(lines[0]).toBe('work: 1/20 (5%)');
    expect(lines).toContain('work: 10/20 (50%)');
    expect(lines.at(-1)).toMatch(/^work: done 20\/20 in \d+ ms$/);
    expect(stream.text()).not.toContain('\r');
    expect(lines.length).toBeLessThanOrEqual(12);
  });

  it('redraws a bar in place on a terminal', () => {
    let now = 0;
    const stream = memoryStream(true);
    const progress = new ProgressReporter({ stream, mode: 'bar', label: 'work', total: 4, now: () => now });
    for (let i = 1; i <= 4; i++) {
      now += 100;
      progress.increment(1, `item ${i}`);
    }
    progress.log('a line');
    progress.finish('all done');
    const text = stream.text();
    expect(text).toContain('\r\x1b[K');
    expect(text).toContain('100% 4/4');
    expect(text).toContain('a line\n');
    expect(text.endsWith('all done\n')).toBe(true);
  });

  it('shows nothing when the work ends before the delay', () => {
    let now = 0;
    const stream = memoryStream(true);
    const progress = new ProgressReporter({
      stream,
      mode: 'bar',
      label: 'quick',
      total: 3,
      delayMs: 1000,
      now: () => now,
    });
    now = 500;
    progress.update(3);
    progress.finish();
    expect(stream.text()).toBe('');
  });
});

describe('ProgressReporter width', () => {
  it('fits the bar to the terminal width, and assumes 80 columns when the terminal reports none', () => {
    for (const columns of [0, 40]) {
      const chunks: string[] = [];
      const stream = { isTTY: true, columns, write: (t: string) => (chunks.push(t), true) };
      const progress = new ProgressReporter({ stream, mode: 'bar', label: 'extracting', total: 60, now: () => 0 });
      progress.update(1, 'a-long-detail-that-does-not-fit-in-forty-columns');
      const drawn = chunks.join('').replace('\r\x1b[K', '');
      expect(Array.from(drawn).length).toBeLessThanOrEqual((columns || 80) - 1);
      expect(drawn.startsWith('extracting ')).toBe(true);
      if (columns === 0) expect(drawn).toMatch(/1\/60 .*a-long-detail/);
    }
  });
});

describe('withStatus', () => {
  it('says what it is doing only when the work outlasts the delay', async () => {
    const { withStatus } = await import('../src/ui/progress.js');
    const quick: string[] = [];
    const quickStream = { write: (t: string) => (quick.push(t), true) };
    expect(await withStatus(quickStream, 'lines', 'loading', async () => 42, 200)).toBe(42);
    expect(quick).toEqual([]);
    const slow: string[] = [];
    const slowStream = { isTTY: true, write: (t: string) => (slow.push(t), true) };
    await withStatus(
      slowStream,
      'bar',
      'loading the model',
      () => new Promise((resolve) => setTimeout(resolve, 120)),
      20,
    );
    expect(slow).toEqual(['\r\x1b[Kloading the model…', '\r\x1b[K']);
  });
});
