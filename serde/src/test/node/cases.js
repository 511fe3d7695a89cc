'use strict';
// The records the JavaScript side writes. Values mirror io.ferstream.serde.testing.Samples (Java) so both
// directions and the committed vectors describe the same data. Plain JS values as avsc expects them:
// Buffer for bytes/fixed, strings for enums, objects for maps and records, unwrapped unions, numbers for longs.

function pixels() {
  const out = Buffer.alloc(48 * 48);
  for (let i = 0; i < out.length; i++) out[i] = (i * 7) % 256;
  return out;
}

const FRAME_TIME = 1767225600123;
const INGEST_TIME = 1767225600456;
const CLASSIFIED_TIME = 1767225600789;

const cases = {
  'face-crop': {
    description: 'io.ferstream.schemas.FaceCrop: strings (non-ASCII), timestamp-millis longs, nested record in a union, enum in a union, bytes, map',
    topic: 'face-crops',
    serdeType: 'VALUE',
    schemaFile: 'FaceCrop.avsc',
    reader: 'specific',
    value: () => ({
      cropId: 'crop-0001',
      sessionId: 'session-\u03a9',
      frameTimestamp: FRAME_TIME,
      frameNumber: 42,
      faceIndex: 1,
      trackId: 'track-7',
      boundingBox: { x: 10, y: 20, width: 96, height: 96, frameWidth: 640, frameHeight: 480 },
      width: 48,
      height: 48,
      pixels: pixels(),
      label: 'HAPPY',
      ingestTimestamp: INGEST_TIME,
      producer: { source: 'webcam', host: 'edge-01' },
    }),
  },
  'emotion-event': {
    description: 'io.ferstream.schemas.EmotionEvent: nested record, floats, enum, null unions',
    topic: 'emotion-events',
    serdeType: 'VALUE',
    schemaFile: 'EmotionEvent.avsc',
    reader: 'specific',
    value: () => ({
      cropId: 'crop-0001',
      sessionId: 'session-\u03a9',
      frameTimestamp: FRAME_TIME,
      frameNumber: 42,
      ingestTimestamp: INGEST_TIME,
      classifiedTimestamp: CLASSIFIED_TIME,
      probabilities: { angry: 0.05, fear: 0.02, happy: 0.1, sad: 0.03, surprise: 0.7, neutral: 0.1 },
      predicted: 'SURPRISE',
      confidence: 0.7,
      modelReleaseId: 'rel-2026-01',
      ensembleSize: 3,
      batchSize: 16,
      queueDelayMs: 12,
      trackId: null,
      label: null,
    }),
  },
  'all-types': {
    description: 'io.ferstream.interop.AllTypes: every Avro type, read as a GenericRecord',
    topic: 'all-types',
    serdeType: 'VALUE',
    schemaFile: 'AllTypes.avsc',
    reader: 'generic',
    value: () => ({
      flag: true,
      small: 7,
      negative: -123456,
      big: 1234567890123456,
      ratio: 0.25,
      precise: -1234.5678,
      text: 'h\u00e9llo \u4e16\u754c \ud83d\ude00',
      blob: Buffer.from([0, 1, 127, 128, 255]),
      digest: Buffer.from([0xde, 0xad, 0xbe, 0xef]),
      mood: 'ELATED',
      counts: [1, -1, 0, 2147483647],
      weights: { a: 0.5, b: -2.0 },
      point: { x: 1.5, y: -0.5 },
      path: [{ x: 0, y: 0 }, { x: 3.25, y: 4 }],
      maybeText: 'present',
      maybeNumber: -42,
      nothing: null,
      stamp: 1767225600999,
    }),
  },
  'session-key': {
    description: 'A primitive string key (subject <topic>-key)',
    topic: 'face-crops',
    serdeType: 'KEY',
    schemaFile: 'string.avsc',
    reader: 'generic',
    value: () => 'session-\u03a9',
  },
  'raw-bytes': {
    description: 'A primitive bytes value: Confluent writes it raw, without the Avro length prefix',
    topic: 'raw-bytes',
    serdeType: 'VALUE',
    schemaFile: 'bytes.avsc',
    reader: 'generic',
    value: () => Buffer.from([0, 1, 2, 253, 254, 255]),
  },
};

module.exports = { cases };
