/**
 * The page: load the model, listen to the microphone, and stream it through @ser/models' recognizer — the
 * pipeline `ser analyze`, the HTTP service and the voice bot use: 2-s chunks every second, silence below its
 * RMS threshold — drawing each chunk on the timeline as it completes.
 */
import { createRecognizer, type ChunkResult, type Recognizer, type RecognizerStream } from '@ser/models';
import { startMicrophone, type MicrophoneCapture } from './microphone.js';
import { loadPageModel, type PageModel } from './model.js';
import { drawTimeline, prependEntryItem, renderLegend, renderNow, type TimelineEntry } from './timeline.js';

/** Seconds of audio per chunk, and seconds between chunk starts. */
const CHUNK_SECONDS = 2;
const HOP_SECONDS = 1;

const startButton = document.querySelector<HTMLButtonElement>('#start')!;
const stopButton = document.querySelector<HTMLButtonElement>('#stop')!;
const statusLine = document.querySelector<HTMLParagraphElement>('#status')!;
const canvas = document.querySelector<HTMLCanvasElement>('#timeline')!;
const legend = document.querySelector<HTMLDivElement>('#legend')!;
const list = document.querySelector<HTMLOListElement>('#timeline-entries')!;
const nowReadout = document.querySelector<HTMLElement>('#now')!;

const entries: TimelineEntry[] = [];
let model: PageModel | null = null;
let recognizer: Recognizer | null = null;
let capture: MicrophoneCapture | null = null;
let stream: RecognizerStream | null = null;

function setStatus(text: string, isError = false): void {
  statusLine.textContent = text;
  statusLine.classList.toggle('error', isError);
}

/** A chunk of the recognizer as a timeline entry. */
function toEntry(chunk: ChunkResult, labels: readonly string[]): TimelineEntry {
  const { start, end, label, confidence, probabilities } = chunk;
  return { start, end, label, confidence, probabilities: probabilities === null ? null : Float32Array.from(labels, (l) => probabilities[l] ?? 0) };
}

/** Adds a completed chunk to the timeline. */
function showChunk(chunk: ChunkResult, sampleRate: number, loaded: PageModel): void {
  const labels = loaded.bundle.metadata.labels;
  const entry = toEntry(chunk, labels);
  entries.push(entry);
  if (entries.length > 600) entries.shift();
  prependEntryItem(list, entry);
  drawTimeline(canvas, entries, labels, { barSeconds: HOP_SECONDS });
  renderNow(nowReadout, entry, labels);
  const now = entry.label === null ? 'silence' : `${entry.label} ${Math.round(entry.confidence * 100)}%`;
  setStatus(`Listening (${capture?.method ?? '…'}, ${sampleRate} Hz, ${loaded.backend.name} backend) — ${entry.end.toFixed(0)} s; now: ${now}`);
}

async function start(): Promise<void> {
  const loaded = model;
  const pipeline = recognizer;
  if (!loaded || !pipeline || capture) return;
  startButton.disabled = true;
  setStatus('Asking for the microphone…');
  let rate = 0;
  try {
    capture = await startMicrophone((block) => {
      if (!stream) return;
      try {
        for (const chunk of stream.push(block)) showChunk(chunk, rate, loaded);
      } catch (error) {
        setStatus(`Could not analyse the audio: ${(error as Error).message}`, true);
      }
    });
    rate = capture.sampleRate;
    stream = pipeline.stream(rate);
    stopButton.disabled = false;
    // A chunk is complete one hop after its end (the recognizer's remainder rule may still extend it before).
    setStatus(`Listening (${capture.method}, ${rate} Hz) — the first prediction comes after ${CHUNK_SECONDS + HOP_SECONDS} s`);
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
  const ending = stream;
  capture = null;
  stream = null;
  stopButton.disabled = true;
  await running?.stop();
  startButton.disabled = false;
  let overall = '';
  if (ending !== null && ending.seconds > 0) {
    try {
      const { chunks, summary } = ending.flush();
      if (model) for (const chunk of chunks) showChunk(chunk, running?.sampleRate ?? 0, model);
      overall = summary.label === null ? ' Overall: silence.' : ` Overall: ${summary.label} ${Math.round(summary.confidence * 100)}%.`;
    } catch (error) {
      overall = ` (The last chunk could not be analysed: ${(error as Error).message})`;
    }
  }
  setStatus(`Stopped after ${entries.length} predictions.${overall} Press Start to listen again.`);
}

// The canvas follows the page's width (and the phone's rotation): redraw it at its new size.
window.addEventListener('resize', () => drawTimeline(canvas, entries, model?.bundle.metadata.labels ?? [], { barSeconds: HOP_SECONDS }));
startButton.addEventListener('click', () => void start());
stopButton.addEventListener('click', () => void stop());
drawTimeline(canvas, entries, []);

loadPageModel()
  .then((loaded) => {
    model = loaded;
    recognizer = createRecognizer({ bundle: loaded.bundle, chunkSeconds: CHUNK_SECONDS, hopSeconds: HOP_SECONDS });
    const { labels, featureConfig } = loaded.bundle.metadata;
    renderLegend(legend, labels);
    drawTimeline(canvas, entries, labels);
    startButton.disabled = false;
    setStatus(`Model ready (${featureConfig.featureSet}, ${labels.length} emotions, ${loaded.backend.name} backend). Press Start listening.`);
  })
  .catch((error: unknown) => setStatus(`Could not load the model: ${(error as Error).message}`, true));
