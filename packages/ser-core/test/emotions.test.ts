import { describe, expect, it } from 'vitest';
import {
  EKMAN7,
  EKMAN7_LABELS,
  EMOTION_SYNONYMS,
  EMOTIONS,
  LABEL_SETS,
  RAVDESS8,
  SER6,
  TEXT_EMOTION_LABELS,
  ekman7LabelOf,
  textLabelOf,
} from '../src/index.js';

describe('emotion labels', () => {
  it("lists the corpus emotions in RAVDESS code order and Ekman's seven in both spellings, aligned", () => {
    expect(EMOTIONS).toEqual(['neutral', 'calm', 'happy', 'sad', 'angry', 'fearful', 'disgust', 'surprised']);
    expect(EKMAN7_LABELS).toEqual(['angry', 'disgust', 'fear', 'happy', 'neutral', 'sad', 'surprise']);
    expect(TEXT_EMOTION_LABELS).toEqual(['anger', 'disgust', 'fear', 'joy', 'neutral', 'sadness', 'surprise']);
    expect(TEXT_EMOTION_LABELS.map((label) => ekman7LabelOf(label))).toEqual([...EKMAN7_LABELS]);
  });

  it('maps every synonym to one of the seven speech labels, and the text spelling back', () => {
    for (const target of Object.values(EMOTION_SYNONYMS)) expect(EKMAN7_LABELS).toContain(target);
    expect(ekman7LabelOf(' Joy ')).toBe('happy');
    expect(ekman7LabelOf('fearful')).toBe('fear');
    expect(ekman7LabelOf('calm')).toBeUndefined();
    expect(ekman7LabelOf('admiration')).toBeUndefined();
    expect(ekman7LabelOf('constructor')).toBeUndefined();
    expect(EKMAN7_LABELS.map((label) => textLabelOf(label))).toEqual([...TEXT_EMOTION_LABELS]);
    expect(textLabelOf('surprised')).toBe('surprise');
    expect(textLabelOf('calm')).toBeUndefined();
  });

  it('label sets map every corpus emotion (to a class of their own, or null on purpose)', () => {
    for (const set of [RAVDESS8, SER6, EKMAN7]) {
      expect(LABEL_SETS[set.name as keyof typeof LABEL_SETS]).toBe(set);
      for (const emotion of EMOTIONS) {
        const target = set.mapping[emotion];
        expect(target === null || set.labels.includes(target!), `${set.name}: ${emotion} → ${String(target)}`).toBe(
          true,
        );
      }
    }
    expect(EKMAN7.labels).toBe(EKMAN7_LABELS);
    expect(SER6.mapping.surprised).toBeNull();
  });
});
