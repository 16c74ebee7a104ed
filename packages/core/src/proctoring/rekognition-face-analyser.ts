import { DetectFacesCommand, RekognitionClient } from '@aws-sdk/client-rekognition';
import type { FaceAnalyser } from './face-analyser.ts';

/** Below this, Rekognition's "face" is as likely a poster, a pattern or a shadow. */
export const MIN_FACE_CONFIDENCE = 90;

/** Rekognition reads JPEG and PNG only; a WebP frame is not analysed. */
const READABLE = new Set(['image/jpeg', 'image/png']);

/**
 * Errors about the image itself: it passed our magic-byte check but Rekognition cannot read
 * it, and no retry will change that. Anything else (throttling, a service error) is thrown.
 */
const UNREADABLE = new Set(['InvalidImageFormatException', 'ImageTooLargeException', 'InvalidParameterException']);

/** Amazon Rekognition DetectFaces on the frame's bytes (sent inline; at most 2 MiB, under its 5 MB limit). */
export const rekognitionFaceAnalyser = (client: RekognitionClient = new RekognitionClient({})): FaceAnalyser => ({
  analyse: async (bytes, contentType) => {
    if (!READABLE.has(contentType)) return undefined;
    try {
      const { FaceDetails = [] } = await client.send(
        new DetectFacesCommand({ Image: { Bytes: bytes }, Attributes: ['DEFAULT'] }),
      );
      return { faceCount: FaceDetails.filter((face) => (face.Confidence ?? 0) >= MIN_FACE_CONFIDENCE).length };
    } catch (error) {
      if (error instanceof Error && UNREADABLE.has(error.name)) return undefined;
      throw error;
    }
  },
});
