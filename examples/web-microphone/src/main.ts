/**
 * The page: load the model, listen to the microphone, and stream it through @ser/models' recognizer — the
 * pipeline `ser analyze`, the HTTP service and the voice bot use: 2-s chunks every second, silence below its
 * RMS threshold — drawing each chunk on the timeline as it completes. Calibrate records 5 s of the speaker's calm
 * speech from the same microphone capture and from then on analyses with the speaker-calibrated model. "Analyse a
 * file" decodes a chosen recording in the page and analyses it with the same model in the chunks of `ser analyze`.
 */
import {
  createRecognizer,
  type AnalysisReport,
  type ChunkResult,
  type Recognizer,
  type RecognizerOptions,
  type RecognizerStream,
} from '@ser/models';
import { analyseFile } from './file-analysis.js';
import { startMicrophone, type MicrophoneCapture } from './microphone.js';
import { loadPageModel, type PageModel } from './model.js';
import {
  CALIBRATION_SECONDS,
  enroll,
  forgetCalibration,
  restoreCalibration,
  type CalibratedModel,
} from './page-calibration.js';
import { SampleRecorder } from './sample-recorder.js';
import {
  drawTimeline,
  prependEntryItem,
  renderLegend,
  renderNow,
  type TimelineEntry,
  type TimelineView,
} from './timeline.js';

/** Seconds of audio per chunk, and seconds between chunk starts. */
const CHUNK_SECONDS = 2;
const HOP_SECONDS = 1;

const startButton = document.querySelector<HTMLButtonElement>('#start')!;
const stopButton = document.querySelector<HTMLButtonElement>('#stop')!;
const calibrateButton = document.querySelector<HTMLButtonElement>('#calibrate')!;
const forgetButton = document.querySelector<HTMLButtonElement>('#forget')!;
const statusLine = document.querySelector<HTMLParagraphElement>('#status')!;
const calibrationLine = document.querySelector<HTMLParagraphElement>('#calibration')!;
const canvas = document.querySelector<HTMLCanvasElement>('#timeline')!;
const legend = document.querySelector<HTMLDivElement>('#legend')!;
const list = document.querySelector<HTMLOListElement>('#timeline-entries')!;
const nowReadout = document.querySelector<HTMLElement>('#now')!;
const nowCaption = nowReadout.querySelector<HTMLElement>('.now-caption')!;
const fileInput = document.querySelector<HTMLInputElement>('#file')!;
const fileLine = document.querySelector<HTMLParagraphElement>('#file-analysis')!;

const entries: TimelineEntry[] = [];
let model: PageModel | null = null;
/** The speaker-calibrated model and calibration, once the user has calibrated. */
let calibrated: CalibratedModel | null = null;
let recognizer: Recognizer | null = null;
/** The microphone, open while listening or recording the calibration. */
let capture: MicrophoneCapture | null = null;
/** The recognizer's stream while listening. */
let stream: RecognizerStream | null = null;
/** Seconds the streams before the current one covered: a new model starts a new stream, the timeline goes on. */
let streamOffset = 0;
/** The calibration recording under way, and what to do with it once full. */
let recording: { recorder: SampleRecorder; done: (samples: Float32Array) => void } | null = null;
/** The timeline's layout: the microphone's hop and the last minute, or the analysed file's hop and length. */
let view: TimelineView = { barSeconds: HOP_SECONDS };
/** What the timeline shows: the microphone, or a file chosen with "Analyse a file". */
let timelineShows: 'microphone' | 'file' = 'microphone';
/** True while a chosen file is decoded and analysed. */
let analysingFile = false;

function setStatus(text: string, isError = false): void {
  statusLine.textContent = text;
  statusLine.classList.toggle('error', isError);
}

/** The calibration line: `state` (`none`, `recording`, `enrolling`, `calibrated`, `error`) as `data-state`. */
function setCalibration(state: 'none' | 'recording' | 'enrolling' | 'calibrated' | 'error', text: string): void {
  calibrationLine.dataset.state = state;
  calibrationLine.textContent = text;
  calibrationLine.classList.toggle('error', state === 'error');
}

/**
 * The recognizer of the current model — the calibrated one with the speaker's calibration, else the plain one —
 * with `options` (default: the microphone's chunks and hop).
 */
function currentRecognizer(
  loaded: PageModel,
  options: Pick<RecognizerOptions, 'chunkSeconds' | 'hopSeconds'> = {
    chunkSeconds: CHUNK_SECONDS,
    hopSeconds: HOP_SECONDS,
  },
): Recognizer {
  return calibrated === null
    ? createRecognizer({ bundle: loaded.bundle, ...options })
    : createRecognizer({ bundle: calibrated.bundle, calibration: calibrated.calibration, ...options });
}

/** A chunk of the recognizer as a timeline entry, `offset` seconds later. */
function toEntry(chunk: ChunkResult, labels: readonly string[], offset: number): TimelineEntry {
  const { start, end, label, confidence, probabilities } = chunk;
  return {
    start: start + offset,
    end: end + offset,
    label,
    confidence,
    probabilities: probabilities === null ? null : Float32Array.from(labels, (l) => probabilities[l] ?? 0),
  };
}

/** Adds a completed chunk (of the stream that began `offset` seconds into the session) to the timeline. */
function showChunk(
  chunk: ChunkResult,
  sampleRate: number,
  offset: number,
  loaded: PageModel,
  labels: readonly string[],
): void {
  const entry = toEntry(chunk, labels, offset);
  entries.push(entry);
  if (entries.length > 600) entries.shift();
  prependEntryItem(list, entry);
  drawTimeline(canvas, entries, labels, view);
  renderNow(nowReadout, entry, labels);
  const now = entry.label === null ? 'silence' : `${entry.label} ${Math.round(entry.confidence * 100)}%`;
  const which = recognizer?.settings.calibrated === true ? ', calibrated' : '';
  setStatus(
    `Listening (${capture?.method ?? '…'}, ${sampleRate} Hz, ${loaded.backend.name} backend)${which} — ${entry.end.toFixed(0)} s; now: ${now}`,
  );
}

/** Each microphone block: to the calibration recording when one is under way, and to the stream while listening. */
function onBlock(block: Float32Array): void {
  const calibrating = recording;
  if (calibrating) {
    const { recorder, done } = calibrating;
    const full = recorder.add(block);
    setCalibration('recording', `Speak calmly… ${Math.max(0, Math.ceil(CALIBRATION_SECONDS - recorder.seconds))} s`);
    if (full) {
      recording = null;
      done(recorder.samples());
    }
  }
  const loaded = model;
  if (!stream || !loaded || !capture) return;
  try {
    for (const chunk of stream.push(block))
      showChunk(chunk, capture.sampleRate, streamOffset, loaded, recognizer!.settings.labels);
  } catch (error) {
    setStatus(`Could not analyse the audio: ${(error as Error).message}`, true);
  }
}

let opening: Promise<MicrophoneCapture> | null = null;

/** The page's microphone capture, opened when none is (once, when Start and Calibrate ask at the same time). */
function openMicrophone(): Promise<MicrophoneCapture> {
  if (capture) return Promise.resolve(capture);
  opening ??= startMicrophone(onBlock)
    .then((opened) => (capture = opened))
    .finally(() => (opening = null));
  return opening;
}

/** Why the microphone could not be opened, for the page. */
function microphoneProblem(error: unknown): string {
  const name = (error as DOMException).name;
  return name === 'NotAllowedError'
    ? 'microphone permission was denied — allow it in the address bar and try again'
    : name === 'NotFoundError'
      ? 'no microphone was found'
      : (error as Error).message;
}

/** Enables the buttons for what can be done now. */
function updateButtons(): void {
  const ready = model !== null;
  const calibrating = calibrateButton.dataset.busy === 'true';
  startButton.disabled = !ready || stream !== null || calibrating || analysingFile;
  stopButton.disabled = stream === null;
  calibrateButton.disabled = !ready || calibrating || analysingFile;
  forgetButton.disabled = calibrated === null || calibrating || analysingFile;
  fileInput.disabled = !ready || stream !== null || calibrating || analysingFile;
}

/** Empties the timeline for what it shows next: the microphone (the last minute, one bar per hop) or a file. */
function clearTimeline(shows: 'microphone' | 'file', next: TimelineView): void {
  entries.length = 0;
  list.replaceChildren();
  timelineShows = shows;
  view = next;
  nowCaption.textContent = shows === 'file' ? 'overall' : 'now';
}

async function start(): Promise<void> {
  const loaded = model;
  if (!loaded || !recognizer || stream) return;
  startButton.disabled = true;
  setStatus('Asking for the microphone…');
  try {
    const microphone = await openMicrophone();
    if (timelineShows === 'file') clearTimeline('microphone', { barSeconds: HOP_SECONDS });
    streamOffset = 0;
    stream = recognizer.stream(microphone.sampleRate);
    // A chunk is complete one hop after its end (the recognizer's remainder rule may still extend it before).
    setStatus(
      `Listening (${microphone.method}, ${microphone.sampleRate} Hz) — the first prediction comes after ${CHUNK_SECONDS + HOP_SECONDS} s`,
    );
  } catch (error) {
    setStatus(`Cannot listen: ${microphoneProblem(error)}`, true);
  }
  updateButtons();
}

/** Ends `ending` (flushing its last chunks onto the timeline); returns its summary as a sentence. */
function endStream(ending: RecognizerStream, sampleRate: number): string {
  if (ending.seconds === 0 || !model || !recognizer) return '';
  try {
    const { chunks, summary } = ending.flush();
    for (const chunk of chunks) showChunk(chunk, sampleRate, streamOffset, model, recognizer.settings.labels);
    return summary.label === null
      ? ' Overall: silence.'
      : ` Overall: ${summary.label} ${Math.round(summary.confidence * 100)}%.`;
  } catch (error) {
    return ` (The last chunk could not be analysed: ${(error as Error).message})`;
  }
}

async function stop(): Promise<void> {
  const ending = stream;
  stream = null;
  updateButtons();
  const rate = capture?.sampleRate ?? 0;
  if (recording === null) await closeMicrophone();
  const overall = ending === null ? '' : endStream(ending, rate);
  setStatus(`Stopped after ${entries.length} predictions.${overall} Press Start to listen again.`);
  updateButtons();
}

/** Closes the microphone. */
async function closeMicrophone(): Promise<void> {
  const running = capture;
  capture = null;
  await running?.stop();
}

/**
 * Switches the analysis to the current model (after calibrating or forgetting): a new recognizer, and while
 * listening a new stream of it, the old one flushed onto the timeline first.
 */
function useCurrentModel(loaded: PageModel): void {
  const ending = stream;
  if (ending !== null && capture !== null) endStream(ending, capture.sampleRate);
  recognizer = currentRecognizer(loaded);
  if (ending !== null && capture !== null) {
    streamOffset += ending.seconds;
    stream = recognizer.stream(capture.sampleRate);
  }
}

/** Records {@link CALIBRATION_SECONDS} of calm speech from the page's microphone and enrolls it. */
async function calibrateSpeaker(): Promise<void> {
  const loaded = model;
  if (!loaded || recording) return;
  calibrateButton.dataset.busy = 'true';
  updateButtons();
  setCalibration('recording', `Speak calmly for ${CALIBRATION_SECONDS} s, as you would read a paragraph aloud…`);
  try {
    const microphone = await openMicrophone();
    const samples = await new Promise<Float32Array>((done) => {
      recording = { recorder: new SampleRecorder(CALIBRATION_SECONDS, microphone.sampleRate), done };
      updateButtons();
    });
    if (stream === null) await closeMicrophone();
    setCalibration('enrolling', 'Calibrating…');
    // Let the page paint the line before the enrollment's few hundred milliseconds of computing.
    await new Promise((paint) => setTimeout(paint, 0));
    calibrated = await enroll(samples, microphone.sampleRate, loaded.bundle);
    useCurrentModel(loaded);
    setCalibration(
      'calibrated',
      `Calibrated: ${calibrated.calibration.speechSeconds.toFixed(1)} s of speech — the analysis now uses the speaker-calibrated model.`,
    );
  } catch (error) {
    recording = null;
    if (stream === null) await closeMicrophone();
    const message =
      (error as DOMException).name === 'NotAllowedError' || (error as DOMException).name === 'NotFoundError'
        ? `Cannot calibrate: ${microphoneProblem(error)}`
        : (error as Error).message;
    setCalibration('error', calibrated === null ? message : `${message} (the earlier calibration stays in use)`);
  }
  delete calibrateButton.dataset.busy;
  updateButtons();
}

/** The file line: `state` (`none`, `analysing`, `done`, `error`) as `data-state`, and the report as `data-report`. */
function setFileAnalysis(
  state: 'none' | 'analysing' | 'done' | 'error',
  text: string,
  report: AnalysisReport | null = null,
): void {
  fileLine.dataset.state = state;
  fileLine.textContent = text;
  fileLine.classList.toggle('error', state === 'error');
  if (report === null) delete fileLine.dataset.report;
  else fileLine.dataset.report = JSON.stringify(report);
}

/** Shows an analysed file: its chunks on the timeline and the list, its summary in the readout and the file line. */
function showFile(report: AnalysisReport): void {
  const labels = report.model.labels;
  clearTimeline('file', { wholeEntries: true, spanSeconds: Math.max(10, Math.ceil(report.duration)) });
  for (const chunk of report.chunks) {
    const entry = toEntry(chunk, labels, 0);
    entries.push(entry);
    prependEntryItem(list, entry, report.chunks.length);
  }
  drawTimeline(canvas, entries, labels, view);
  const { summary } = report;
  renderNow(
    nowReadout,
    {
      start: 0,
      end: report.duration,
      label: summary.label,
      confidence: summary.confidence,
      probabilities:
        summary.probabilities === null ? null : Float32Array.from(labels, (l) => summary.probabilities![l] ?? 0),
    },
    labels,
  );
  const overall = summary.label === null ? 'silence' : `${summary.label} ${Math.round(summary.confidence * 100)}%`;
  const which = report.calibrated ? ', calibrated' : '';
  setFileAnalysis(
    'done',
    `${report.source}: ${report.duration.toFixed(1)} s, ${report.chunks.length} chunk(s) of ${report.chunkSeconds} s ` +
      `(${summary.silentChunkCount} silent)${which} — overall: ${overall}.`,
    report,
  );
}

/** Analyses the chosen file with the current model and the library's default chunks and hop (`ser analyze`'s). */
async function analyseChosenFile(): Promise<void> {
  const loaded = model;
  const file = fileInput.files?.[0];
  if (!loaded || !file || analysingFile) return;
  analysingFile = true;
  updateButtons();
  setFileAnalysis('analysing', `Analysing ${file.name}…`);
  // Let the page paint the line before decoding and analysing on the main thread.
  await new Promise((paint) => setTimeout(paint, 0));
  try {
    showFile(await analyseFile(file, currentRecognizer(loaded, {})));
  } catch (error) {
    const message = (error as Error).message;
    setFileAnalysis(
      'error',
      `Could not analyse ${message.startsWith(file.name) ? message : `${file.name}: ${message}`}`,
    );
  }
  analysingFile = false;
  fileInput.value = '';
  updateButtons();
}

/** Goes back to the plain model. */
function forget(): void {
  const loaded = model;
  if (!loaded || calibrated === null) return;
  calibrated = null;
  forgetCalibration();
  useCurrentModel(loaded);
  setCalibration('none', 'Not calibrated: the analysis uses the plain model.');
  updateButtons();
}

// The canvas follows the page's width (and the phone's rotation): redraw it at its new size.
window.addEventListener('resize', () => drawTimeline(canvas, entries, recognizer?.settings.labels ?? [], view));
startButton.addEventListener('click', () => void start());
stopButton.addEventListener('click', () => void stop());
calibrateButton.addEventListener('click', () => void calibrateSpeaker());
forgetButton.addEventListener('click', forget);
fileInput.addEventListener('change', () => void analyseChosenFile());
drawTimeline(canvas, entries, []);

loadPageModel()
  .then(async (loaded) => {
    calibrated = await restoreCalibration();
    model = loaded;
    recognizer = currentRecognizer(loaded);
    const { labels, featureConfig } = loaded.bundle.metadata;
    renderLegend(legend, labels);
    drawTimeline(canvas, entries, labels);
    updateButtons();
    if (calibrated !== null) {
      setCalibration(
        'calibrated',
        `Calibrated earlier in this tab: ${calibrated.calibration.speechSeconds.toFixed(1)} s of speech — the analysis uses the speaker-calibrated model.`,
      );
    }
    setStatus(
      `Model ready (${featureConfig.featureSet}, ${labels.length} emotions, ${loaded.backend.name} backend). Press Start listening.`,
    );
  })
  .catch((error: unknown) => setStatus(`Could not load the model: ${(error as Error).message}`, true));
