/**
 * A violation of the FLAC format found while decoding a frame. Internal: the stream decoder turns
 * it into an AudioFeaturesError (CORRUPT_AUDIO or UNSUPPORTED_CODEC) naming the file and frame.
 */
export class FlacFormatError extends Error {
  /** True when the stream is valid FLAC that this decoder does not support (rather than corrupt). */
  readonly unsupported: boolean;

  constructor(message: string, unsupported = false) {
    super(message);
    this.name = 'FlacFormatError';
    this.unsupported = unsupported;
  }
}
