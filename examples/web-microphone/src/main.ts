/**
 * The page: load the model, listen to the microphone, classify the last 2 seconds every second, and draw
 * the timeline.
 */
import { predict } from '@ser/models';
import { startMicrophone, type MicrophoneCapture } from './microphone.js';
import { loadPageModel, type PageModel } from './model.js';
import { SampleWindow } from './sample-window.js';
import { drawTimeline, prependEntryItem, renderLegend, renderNow, type TimelineEntry } from './timeline.js';

/** Seconds of audio per prediction, and seconds between predictions. */
const WINDOW_SECONDS = 2;
const HOP_SECONDS = 1;
/** Windows quieter than this RMS level (dBFS) are shown as silence instead of classified. */
const SILENCE_DBFS = -55;

const startButton = document.querySelector<HTMLButtonElement>('#start')!;
const stopButton = document.querySelector<HTMLButtonElement>('#stop')!;
const statusLine = document.querySelector<HTMLParagraphElement>('#status')!;
const canvas = document.querySelector<HTMLCanvasElement>('#timeline')!;
const legend = document.querySelector<HTMLDivElement>('#legend')!;
const list = document.querySelector<HTMLOListElement>('#timeline-entries')!;
const nowReadout = document.querySelector<HTMLElement>('#now')!;

const entries: TimelineEntry[] = [];
let model: PageModel | null = null;
let capture: MicrophoneCapture | null = null;

function setStatus(text: string, isError = false): void {
  statusLine.textContent = text;
  statusLine.classList.toggle('error', isError);
}

function rmsDbfs(y: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += y[i]! * y[i]!;
  return sum === 0 ? -Infinity : 10 * Math.log10(sum / y.length);
}

/** Classifies one window and adds it to the timeline. */
function analyseWindow(samples: Float32Array, sampleRate: number, end: number): void {
  const { bundle } = model!;
  const start = end - samples.length / sampleRate;
  let entry: TimelineEntry;
  if (rmsDbfs(samples) < SILENCE_DBFS) {
    entry = { start, end, label: null, confidence: 0, probabilities: null };
  } else {
    const prediction = predict(bundle, samples, sampleRate);
    entry = { start, end, label: prediction.label, confidence: prediction.ranking[0]!.probability, probabilities: prediction.probabilities };
  }
  entries.push(entry);
  if (entries.length > 600) entries.shift();
  prependEntryItem(list, entry);
  drawTimeline(canvas, entries, bundle.metadata.labels, { barSeconds: HOP_SECONDS });
  renderNow(nowReadout, entry, bundle.metadata.labels);
  const now = entry.label === null ? 'silence' : `${entry.label} ${Math.round(entry.confidence * 100)}%`;
  setStatus(`Listening (${capture?.method ?? '…'}, ${sampleRate} Hz, ${model!.backend.name} backend) — ${end.toFixed(0)} s; now: ${now}`);
}

async function start(): Promise<void> {
  if (!model || capture) return;
  startButton.disabled = true;
  setStatus('Asking for the microphone…');
  let recent: SampleWindow | null = null;
  let sinceLast = 0;
  let rate = 0;
  try {
    capture = await startMicrophone((block) => {
      if (!recent) return;
      recent.push(block);
      sinceLast += block.length;
      const windowSamples = WINDOW_SECONDS * rate;
      if (recent.total >= windowSamples && sinceLast >= HOP_SECONDS * rate) {
        sinceLast = 0;
        try {
          analyseWindow(recent.latest(windowSamples), rate, recent.total / rate);
        } catch (error) {
          setStatus(`Could not analyse the audio: ${(error as Error).message}`, true);
        }
      }
    });
    rate = capture.sampleRate;
    recent = new SampleWindow(Math.ceil(rate * (WINDOW_SECONDS + 2)));
    sinceLast = 0;
    stopButton.disabled = false;
    setStatus(`Listening (${capture.method}, ${rate} Hz) — the first prediction comes after ${WINDOW_SECONDS} s`);
  } catch (error) {
    const name = (error as DOMException).name;
    const reason =
      name === 'NotAllowedError' ? 'microphone permission was denied — allow it in the address bar and try again'
        : name === 'NotFoundError' ? 'no microphone was found'
          : (error as Error).message;
    setStatus(`Cannot listen: ${reason}`, true);
    capture = null;
    startButton.disabled = false;
  }
}

async function stop(): Promise<void> {
  const running = capture;
  capture = null;
  stopButton.disabled = true;
  await running?.stop();
  startButton.disabled = false;
  setStatus(`Stopped after ${entries.length} predictions. Press Start to listen again.`);
}

// The canvas follows the page's width (and the phone's rotation): redraw it at its new size.
window.addEventListener('resize', () => drawTimeline(canvas, entries, model?.bundle.metadata.labels ?? [], { barSeconds: HOP_SECONDS }));
startButton.addEventListener('click', () => void start());
stopButton.addEventListener('click', () => void stop());
drawTimeline(canvas, entries, []);

loadPageModel()
  .then((loaded) => {
    model = loaded;
    const { labels, featureConfig } = loaded.bundle.metadata;
    renderLegend(legend, labels);
    drawTimeline(canvas, entries, labels);
    startButton.disabled = false;
    setStatus(`Model ready (${featureConfig.featureSet}, ${labels.length} emotions, ${loaded.backend.name} backend). Press Start listening.`);
  })
  .catch((error: unknown) => setStatus(`Could not load the model: ${(error as Error).message}`, true));
