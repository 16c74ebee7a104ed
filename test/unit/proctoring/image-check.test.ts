import { imageSizeVerdict, imageVerdict } from '@assist-ten/core/proctoring/image-check';
import { JPEG, MAX_SNAPSHOT_BYTES, PNG, WEBP } from '@assist-ten/core/proctoring/snapshot.model';
import { describe, expect, it } from 'vitest';
import { aGif, aJpeg, aPng, aWebp } from '../../support/fixtures/proctoring-snapshots.ts';

describe('imageSizeVerdict', () => {
  it('accepts one byte and exactly 2 MiB', () => {
    // Act
    const verdicts = [imageSizeVerdict(1), imageSizeVerdict(MAX_SNAPSHOT_BYTES)];

    // Assert
    expect(verdicts).toEqual([{ accepted: true }, { accepted: true }]);
  });

  it('refuses an empty object and one byte over 2 MiB, saying why', () => {
    // Act
    const verdicts = [imageSizeVerdict(0), imageSizeVerdict(MAX_SNAPSHOT_BYTES + 1)];

    // Assert
    expect(verdicts).toEqual([
      { accepted: false, reason: 'The image is empty.' },
      { accepted: false, reason: 'The image is larger than 2 MB.' },
    ]);
  });
});

describe('imageVerdict', () => {
  it.each([
    ['a PNG', aPng(), PNG],
    ['a JPEG', aJpeg(), JPEG],
    ['a WebP', aWebp(), WEBP],
  ] as const)('accepts %s declared as its own type', async (_label, bytes, declared) => {
    // Act
    const verdict = await imageVerdict(bytes, declared);

    // Assert
    expect(verdict).toEqual({ accepted: true });
  });

  it('refuses a GIF posted as a PNG, naming what it is', async () => {
    // Act
    const verdict = await imageVerdict(aGif(), PNG);

    // Assert
    expect(verdict).toEqual({ accepted: false, reason: 'The file is a GIF image, not a PNG image.' });
  });

  it('refuses an allowed image type that is not the declared one', async () => {
    // Act
    const verdict = await imageVerdict(aPng(), JPEG);

    // Assert
    expect(verdict).toEqual({ accepted: false, reason: 'The file is a PNG image, not a JPEG image.' });
  });

  it('refuses text named as a PNG', async () => {
    // Act
    const verdict = await imageVerdict(new TextEncoder().encode('<html><body>not an image</body></html>'), PNG);

    // Assert
    expect(verdict).toMatchObject({ accepted: false, reason: expect.stringMatching(/not a PNG image/) });
  });

  it('refuses a Windows executable as a JPEG', async () => {
    // Arrange: the DOS header and stub of a PE file
    const bytes = new Uint8Array(512);
    bytes.set([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff]);
    bytes.set(new TextEncoder().encode('This program cannot be run in DOS mode.'), 0x4e);

    // Act
    const verdict = await imageVerdict(bytes, JPEG);

    // Assert
    expect(verdict).toEqual({ accepted: false, reason: 'The file is a Windows executable, not a JPEG image.' });
  });

  it('refuses empty and oversized bytes before looking at them', async () => {
    // Arrange: a PNG signature followed by more than 2 MiB
    const oversized = new Uint8Array(MAX_SNAPSHOT_BYTES + 1);
    oversized.set(aPng());

    // Act
    const verdicts = await Promise.all([imageVerdict(new Uint8Array(), PNG), imageVerdict(oversized, PNG)]);

    // Assert
    expect(verdicts.map((verdict) => verdict.accepted)).toEqual([false, false]);
  });
});
