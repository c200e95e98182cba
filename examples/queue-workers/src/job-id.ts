/**
 * Job ids from content: the sha256 of a recording's bytes and of the options it is analysed with. The same
 * recording with the same options gets the same id wherever it lies and whatever it is called, so a batch
 * submitted twice (or two batches sharing recordings) does the work once: BullMQ keeps one job per id and
 * the results store one result per id.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { isHttpUrl } from '@ser/cli';
import { canonicalOptions, type AnalysisOptions } from './analysis-options.js';

/** Bumped when what a job id stands for changes (so old results are not mistaken for new ones). */
const JOB_ID_VERSION = 'ser-queue/1';

/** Feeds the domain tag and the canonical options into `hash` (separated so no two inputs collide). */
function withOptions(hash: Hash, options: AnalysisOptions): Hash {
  return hash.update(`${JOB_ID_VERSION}\0${JSON.stringify(canonicalOptions(options))}\0`);
}

/**
 * The job id of a local recording: sha256 over the options and the file's bytes (streamed, so memory stays
 * small whatever the file's size), as 64 hex digits.
 * @throws the read error (ENOENT, EISDIR, …) naming the path
 */
export async function fileJobId(path: string, options: AnalysisOptions): Promise<string> {
  const hash = withOptions(createHash('sha256'), options).update('file\0');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * The job id of a URL: sha256 over the options and the URL itself. The producer does not download archives
 * that the workers will fetch anyway, so a URL stands for its content (new content under the same URL is not
 * noticed; submit it with another URL or option to analyse it again).
 */
export function urlJobId(url: string, options: AnalysisOptions): string {
  return withOptions(createHash('sha256'), options).update(`url\0${url}`).digest('hex');
}

/** The job id of `input` (a path or an http(s) URL). */
export function jobIdFor(input: string, options: AnalysisOptions): Promise<string> {
  return isHttpUrl(input) ? Promise.resolve(urlJobId(input, options)) : fileJobId(input, options);
}
