/** Recognising URLs the CLI accepts in place of a file. */

/** True for an `http://` or `https://` URL. */
export function isHttpUrl(text: string): boolean {
  return /^https?:\/\//i.test(text);
}

const YOUTUBE_HOSTS = new Set([
  'youtube.com',
  'www.youtube.com',
  'm.youtube.com',
  'music.youtube.com',
  'youtu.be',
  'www.youtu.be',
]);

/** True for a YouTube page (watch, shorts, youtu.be links), which needs yt-dlp rather than a plain download. */
export function isYouTubeUrl(text: string): boolean {
  if (!isHttpUrl(text)) return false;
  try {
    return YOUTUBE_HOSTS.has(new URL(text).hostname.toLowerCase());
  } catch {
    return false;
  }
}

/** The file name a URL points at (last path segment, decoded), or `download` when it has none. */
export function fileNameFromUrl(url: string): string {
  try {
    const segment = new URL(url).pathname.split('/').filter(Boolean).pop();
    const name = segment ? decodeURIComponent(segment).replace(/[^\w.-]+/g, '_') : '';
    return name || 'download';
  } catch {
    return 'download';
  }
}
