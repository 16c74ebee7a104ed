import { ENV } from '../shared/env.ts';
import { rekognitionFaceAnalyser } from './rekognition-face-analyser.ts';
import type { SnapshotContentType } from './snapshot.model.ts';

/** What an analyser saw in a frame. */
export interface FaceAnalysis {
  faceCount: number;
}

/**
 * Counts the faces in a webcam frame. `undefined` means it did not look (no analyser, or a
 * format it cannot read): no event follows, and the snapshot records no count. An error it
 * throws is worth another attempt (e.g. throttling): the queue delivers the object again.
 */
export interface FaceAnalyser {
  analyse(bytes: Uint8Array, contentType: SnapshotContentType): Promise<FaceAnalysis | undefined>;
}

/** Looks at nothing: the local default, and a stage without face analysis. */
export const noFaceAnalyser: FaceAnalyser = { analyse: async () => undefined };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The PNG text chunk keyword the marker analyser reads: `assist-ten-faces` = a count. */
export const FACE_MARKER_KEYWORD = 'assist-ten-faces';

/** The text chunks (tEXt) of a PNG, keyword to text; empty for anything that is not a PNG. */
const pngTexts = (bytes: Uint8Array): Map<string, string> => {
  const texts = new Map<string, string>();
  if (!PNG_SIGNATURE.every((byte, index) => bytes[index] === byte)) return texts;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const latin1 = new TextDecoder('latin1');
  for (let offset = PNG_SIGNATURE.length; offset + 12 <= bytes.length; ) {
    const length = view.getUint32(offset);
    const type = latin1.decode(bytes.subarray(offset + 4, offset + 8));
    const dataEnd = offset + 8 + length;
    if (dataEnd + 4 > bytes.length) break;
    if (type === 'tEXt') {
      const data = bytes.subarray(offset + 8, dataEnd);
      const separator = data.indexOf(0);
      if (separator > 0)
        texts.set(latin1.decode(data.subarray(0, separator)), latin1.decode(data.subarray(separator + 1)));
    }
    if (type === 'IEND') break;
    offset = dataEnd + 4;
  }
  return texts;
};

/**
 * For the local stack, tests and demos: a PNG says its own face count in a text chunk, so a
 * test image can stand for an empty room or two people. Any other image is not analysed.
 */
export const markerFaceAnalyser: FaceAnalyser = {
  analyse: async (bytes, contentType) => {
    if (contentType !== 'image/png') return undefined;
    const marker = pngTexts(bytes).get(FACE_MARKER_KEYWORD);
    return marker !== undefined && /^\d{1,3}$/.test(marker) ? { faceCount: Number(marker) } : undefined;
  },
};

export const FACE_ANALYSERS = ['none', 'rekognition', 'marker'] as const;
export type FaceAnalyserName = (typeof FACE_ANALYSERS)[number];

const isFaceAnalyserName = (value: string): value is FaceAnalyserName =>
  (FACE_ANALYSERS as readonly string[]).includes(value);

/** The analyser a name stands for (`none` when unset); a name it does not know fails loudly rather than analysing nothing in silence. */
export const faceAnalyserNamed = (name: string | undefined): FaceAnalyser => {
  const chosen = name || 'none';
  if (!isFaceAnalyserName(chosen)) {
    throw new Error(`${ENV.faceAnalyser} is "${chosen}"; it must be one of ${FACE_ANALYSERS.join(', ')}`);
  }
  if (chosen === 'rekognition') return rekognitionFaceAnalyser();
  return chosen === 'marker' ? markerFaceAnalyser : noFaceAnalyser;
};

let configured: FaceAnalyser | undefined;

/** The analyser the environment names (`FACE_ANALYSER`), made once per process. */
export const configuredFaceAnalyser = (): FaceAnalyser => {
  configured ??= faceAnalyserNamed(process.env[ENV.faceAnalyser]);
  return configured;
};
