import { describe, expect, it } from 'vitest';
import {
  applyLabelSet,
  DatasetError,
  EKMAN7,
  EMOTIONS,
  LABEL_SETS,
  parseCremaDName,
  parseRavdessName,
  parseTessName,
  resolveLabelSet,
  type DatasetItem,
} from '../src/index.js';

function item(parsed: ReturnType<typeof parseTessName>, path: string): DatasetItem {
  if (!parsed.ok) throw new Error(parsed.reason);
  return { path, ...parsed.fields };
}

const ravdessSurprised = item(parseRavdessName('03-01-08-01-01-01-01'), 'a/03-01-08-01-01-01-01.wav');
const ravdessCalm = item(parseRavdessName('03-01-02-01-01-01-02'), 'a/03-01-02-01-01-01-02.wav');
const tessPs = item(parseTessName('OAF_back_ps'), 't/OAF_back_ps.wav');
const tessFear = item(parseTessName('YAF_back_fear'), 't/YAF_back_fear.wav');
const cremaFear = item(parseCremaDName('1001_DFA_FEA_XX'), 'c/1001_DFA_FEA_XX.wav');
const items = [ravdessSurprised, ravdessCalm, tessPs, tessFear, cremaFear];

describe('built-in label sets', () => {
  it('map every normalised emotion explicitly', () => {
    for (const set of Object.values(LABEL_SETS)) {
      expect(Object.keys(set.mapping).sort()).toEqual([...EMOTIONS].sort());
    }
  });

  it('ravdess8 keeps the eight RAVDESS emotions; TESS ps is surprised', () => {
    const result = applyLabelSet(items, 'ravdess8');
    expect(result.items.map((i) => i.label)).toEqual(['surprised', 'calm', 'surprised', 'fearful', 'fearful']);
    expect(result.items.map((i) => i.labelId)).toEqual([7, 1, 7, 5, 5]);
    expect(result.dropped).toEqual([]);
  });

  it('ser6 merges calm into neutral and drops surprise by design, with counts', () => {
    const result = applyLabelSet(items, 'ser6');
    expect(result.items.map((i) => [i.path, i.label])).toEqual([
      ['a/03-01-02-01-01-01-02.wav', 'neutral'],
      ['t/YAF_back_fear.wav', 'fear'],
      ['c/1001_DFA_FEA_XX.wav', 'fear'],
    ]);
    expect(result.dropped.map((d) => [d.item.path, d.reason])).toEqual([
      ['a/03-01-08-01-01-01-01.wav', 'surprised'],
      ['t/OAF_back_ps.wav', 'surprised'],
    ]);
    expect(result.counts).toEqual({ neutral: 1, happy: 0, sad: 0, angry: 0, fear: 2, disgust: 0 });
    expect(result.droppedCounts).toEqual({ surprised: 2 });
  });

  it('ekman7: calm → neutral, TESS ps and RAVDESS surprised → surprise', () => {
    const result = applyLabelSet(items, EKMAN7);
    expect(result.items.map((i) => i.label)).toEqual(['surprise', 'neutral', 'surprise', 'fear', 'fear']);
  });
});

describe('custom label mappings', () => {
  it('accepts a bare mapping with dataset-specific keys taking precedence', () => {
    const result = applyLabelSet(items, {
      surprised: 'positive',
      'tess:ps': null,
      calm: 'positive',
      fearful: 'negative',
    });
    expect(result.labelSet.labels).toEqual(['positive', 'negative']);
    expect(result.items.map((i) => i.label)).toEqual(['positive', 'positive', 'negative', 'negative']);
    expect(result.dropped.map((d) => d.reason)).toEqual(['tess:ps']);
  });

  it('names the unknown label and the file', () => {
    const call = () => applyLabelSet(items, { name: 'partial', labels: ['fear'], mapping: { fearful: 'fear' } });
    expect(call).toThrow(DatasetError);
    expect(call).toThrow(
      /a\/03-01-08-01-01-01-01\.wav: label "surprised" \(source label ravdess:08\) is not in label set "partial"/,
    );
  });

  it('refuses mappings to labels the set does not have, and unknown set names', () => {
    expect(() => resolveLabelSet({ name: 'x', labels: ['a'], mapping: { calm: 'b' } })).toThrow(/maps "calm" to "b"/);
    expect(() => resolveLabelSet('ekman8')).toThrow(/unknown label set "ekman8"/);
  });
});
