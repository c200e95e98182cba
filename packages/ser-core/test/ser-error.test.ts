import { describe, expect, it } from 'vitest';
import { SerError } from '../src/index.js';

type ThingErrorCode = 'NOT_FOUND' | 'INVALID_ARGUMENT';
class ThingError extends SerError<ThingErrorCode> {
  override readonly name = 'ThingError';
}

describe('SerError', () => {
  it('puts the file in front of the message and keeps code, file, cause and hint', () => {
    const cause = new Error('ENOENT');
    const error = new ThingError('NOT_FOUND', 'no such thing', {
      file: 'things/a.json',
      cause,
      hint: 'run make first',
    });
    expect(error.message).toBe('things/a.json: no such thing');
    expect(error).toMatchObject({
      name: 'ThingError',
      code: 'NOT_FOUND',
      file: 'things/a.json',
      hint: 'run make first',
    });
    expect(error.cause).toBe(cause);
  });

  it('does not name the file twice when the message starts with it (a revived error), but does when it is further in', () => {
    expect(new ThingError('NOT_FOUND', 'things/a.json: no such thing', { file: 'things/a.json' }).message).toBe(
      'things/a.json: no such thing',
    );
    expect(new ThingError('NOT_FOUND', 'rename x -> things/a.json failed', { file: 'things/a.json' }).message).toBe(
      'things/a.json: rename x -> things/a.json failed',
    );
  });

  it('has no file, cause or hint property when none was given', () => {
    const error = new ThingError('INVALID_ARGUMENT', 'n must be ≥ 1');
    expect(error.message).toBe('n must be ≥ 1');
    expect(Object.keys(error)).not.toContain('file');
    expect('cause' in error).toBe(false);
    expect(error.hint).toBeUndefined();
  });

  it('is an instance of Error, SerError and the subclass; a bare SerError is not the subclass', () => {
    const error = new ThingError('NOT_FOUND', 'x');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(SerError);
    expect(error).toBeInstanceOf(ThingError);
    expect(new SerError('NOT_FOUND', 'x')).not.toBeInstanceOf(ThingError);
    expect(new SerError('NOT_FOUND', 'x').name).toBe('SerError');
  });
});
