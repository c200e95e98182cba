// placeholder until scripts/train-builtin.mjs writes the real model
import type { BuiltinTextModelData } from '../builtin/model-data.js';
export const BUILTIN_TEXT_MODEL: BuiltinTextModelData = undefined as unknown as BuiltinTextModelData;
