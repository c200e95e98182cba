import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { needs } from '../requirements.js';
import { speechWav } from '../speech.js';

const dir = mkdtempSync(join(tmpdir(), 'ser-test-speech-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('speechWav', needs('espeak-ng'), () => {
  it('speaks a sentence into a mono 16-bit WAV, slower speech lasting longer', () => {
    const seconds = (path: string): number => {
      const bytes = readFileSync(path);
      expect(bytes.toString('latin1', 0, 4)).toBe('RIFF');
      expect(bytes.readUInt16LE(22)).toBe(1); // channels
      expect(bytes.readUInt16LE(34)).toBe(16); // bits per sample
      return (bytes.length - 44) / 2 / bytes.readUInt32LE(24);
    };
    const normal = seconds(speechWav(dir, 'normal', 'The quick brown fox jumps over the lazy dog.'));
    const slow = seconds(
      speechWav(dir, 'slow', 'The quick brown fox jumps over the lazy dog.', { wordsPerMinute: 80 }),
    );
    expect(normal).toBeGreaterThan(1);
    expect(slow).toBeGreaterThan(normal * 1.4);
  });
});
