import { faceAnalyserNamed, markerFaceAnalyser, noFaceAnalyser } from '@assist-ten/core/proctoring/face-analyser';
import { MIN_FACE_CONFIDENCE, rekognitionFaceAnalyser } from '@assist-ten/core/proctoring/rekognition-face-analyser';
import { DetectFacesCommand, RekognitionClient } from '@aws-sdk/client-rekognition';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { aJpeg, aPng, aWebp } from '../../support/fixtures/proctoring-snapshots.ts';
import { thrownBy } from '../support/factories.ts';

const rekognition = mockClient(RekognitionClient);
afterEach(() => rekognition.reset());

const faces = (...confidences: number[]) => ({ FaceDetails: confidences.map((Confidence) => ({ Confidence })) });

const serviceError = (name: string) => Object.assign(new Error(`${name} from the mock`), { name });

describe('rekognitionFaceAnalyser', () => {
  it('counts the faces Rekognition is sure of, sending the bytes inline', async () => {
    // Arrange
    rekognition.on(DetectFacesCommand).resolves(faces(99.9, MIN_FACE_CONFIDENCE));
    const bytes = aJpeg();

    // Act
    const analysis = await rekognitionFaceAnalyser().analyse(bytes, 'image/jpeg');

    // Assert
    expect(analysis).toEqual({ faceCount: 2 });
    const [call] = rekognition.commandCalls(DetectFacesCommand);
    expect(call?.args[0].input.Image?.Bytes).toEqual(bytes);
  });

  it('ignores faces below the confidence threshold: a poster is not a person', async () => {
    // Arrange
    rekognition.on(DetectFacesCommand).resolves(faces(98, 89.9, 12));

    // Act
    const analysis = await rekognitionFaceAnalyser().analyse(aPng(), 'image/png');

    // Assert
    expect(analysis).toEqual({ faceCount: 1 });
  });

  it('reports an empty room as zero faces', async () => {
    // Arrange
    rekognition.on(DetectFacesCommand).resolves({});

    // Act
    const analysis = await rekognitionFaceAnalyser().analyse(aPng(), 'image/png');

    // Assert
    expect(analysis).toEqual({ faceCount: 0 });
  });

  it('does not analyse a WebP frame, which Rekognition cannot read', async () => {
    // Act
    const analysis = await rekognitionFaceAnalyser().analyse(aWebp(), 'image/webp');

    // Assert
    expect(analysis).toBeUndefined();
    expect(rekognition.commandCalls(DetectFacesCommand)).toHaveLength(0);
  });

  it('does not analyse an image Rekognition finds unreadable: no retry would change that', async () => {
    // Arrange
    rekognition.on(DetectFacesCommand).rejects(serviceError('InvalidImageFormatException'));

    // Act
    const analysis = await rekognitionFaceAnalyser().analyse(aJpeg(), 'image/jpeg');

    // Assert
    expect(analysis).toBeUndefined();
  });

  it('throws throttling, so the queue delivers the snapshot again later', async () => {
    // Arrange
    rekognition.on(DetectFacesCommand).rejects(serviceError('ProvisionedThroughputExceededException'));

    // Act
    const error = await rekognitionFaceAnalyser()
      .analyse(aJpeg(), 'image/jpeg')
      .then(
        () => undefined,
        (thrown: unknown) => thrown,
      );

    // Assert
    expect(error).toMatchObject({ name: 'ProvisionedThroughputExceededException' });
  });
});

describe('markerFaceAnalyser', () => {
  it.each([0, 1, 2, 5])('reads %i faces from the PNG text chunk', async (count) => {
    // Act
    const analysis = await markerFaceAnalyser.analyse(aPng({ faces: count }), 'image/png');

    // Assert
    expect(analysis).toEqual({ faceCount: count });
  });

  it('does not analyse a PNG without the marker, a JPEG, or a cut-off PNG', async () => {
    // Arrange
    const marked = aPng({ faces: 2 });

    // Act
    const analyses = await Promise.all([
      markerFaceAnalyser.analyse(aPng(), 'image/png'),
      markerFaceAnalyser.analyse(aJpeg(), 'image/jpeg'),
      markerFaceAnalyser.analyse(marked.subarray(0, 40), 'image/png'),
    ]);

    // Assert
    expect(analyses).toEqual([undefined, undefined, undefined]);
  });

  it('does not analyse a marker that is not a count', async () => {
    // Arrange: the marker says "two"
    const bytes = aPng({ faces: 2 });
    const marker = Buffer.from(bytes).indexOf('assist-ten-faces\u00002', 0, 'latin1');
    const tampered = Uint8Array.from(bytes);
    tampered[marker + 'assist-ten-faces\u0000'.length] = 't'.charCodeAt(0);

    // Act
    const analysis = await markerFaceAnalyser.analyse(tampered, 'image/png');

    // Assert
    expect(marker).toBeGreaterThan(0);
    expect(analysis).toBeUndefined();
  });
});

describe('faceAnalyserNamed', () => {
  it('looks at nothing when no analyser is named', async () => {
    // Act
    const analyser = faceAnalyserNamed(undefined);

    // Assert
    expect(analyser).toBe(noFaceAnalyser);
    expect(await analyser.analyse(aPng({ faces: 2 }), 'image/png')).toBeUndefined();
  });

  it('gives the marker and the Rekognition analyser by name', async () => {
    // Arrange
    rekognition.on(DetectFacesCommand).resolves(faces(99));

    // Act
    const marker = faceAnalyserNamed('marker');
    const rekognitionAnalysis = await faceAnalyserNamed('rekognition').analyse(aPng(), 'image/png');

    // Assert
    expect(marker).toBe(markerFaceAnalyser);
    expect(rekognitionAnalysis).toEqual({ faceCount: 1 });
  });

  it('refuses a name it does not know, naming the variable', () => {
    // Act
    const error = thrownBy(() => faceAnalyserNamed('opencv'));

    // Assert
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('FACE_ANALYSER');
  });
});
