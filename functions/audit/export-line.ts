import type { StoredEvent } from '#events/envelope.ts';

/** A line of an export that is not a stored event: the file itself is damaged. */
export class MalformedExportLineError extends Error {
  override readonly name = 'MalformedExportLineError';
  constructor(
    readonly lineNumber: number,
    reason: string,
  ) {
    super(`Line ${lineNumber} is not a stored event: ${reason}`);
  }
}

/**
 * Parses one export line and checks the members the chain and the replay rely on, without a full
 * schema parse (the hash covers the rest: any other change shows up as a hash mismatch).
 */
export function parseExportLine(line: string, lineNumber: number): StoredEvent {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new MalformedExportLineError(lineNumber, (error as Error).message);
  }
  const event = value as Partial<StoredEvent> | null;
  if (
    event === null ||
    typeof event !== 'object' ||
    typeof event.streamId !== 'string' ||
    typeof event.version !== 'number' ||
    !Number.isInteger(event.version) ||
    typeof event.hash !== 'string' ||
    typeof event.prevHash !== 'string' ||
    typeof event.recordedAt !== 'string' ||
    typeof event.type !== 'string'
  ) {
    throw new MalformedExportLineError(lineNumber, 'streamId, version, type, recordedAt, prevHash or hash is missing');
  }
  return event as StoredEvent;
}

/** Which of `shares` threads owns a stream: the same one for every event of it. */
export function shareOf(streamId: string, shares: number): number {
  let hash = 0;
  for (let i = Math.max(0, streamId.length - 8); i < streamId.length; i++)
    hash = (hash * 31 + streamId.charCodeAt(i)) | 0;
  return (hash >>> 0) % shares;
}

const STREAM_ID_KEY_BYTES = Buffer.from('"streamId":"', 'latin1');
const QUOTE = 0x22;

/**
 * The stream of an export line (`bytes[start..end)`) without decoding or parsing it, to share the
 * lines out between threads: the value of the last `"streamId"` member (the top-level one comes
 * after `data` and `meta` in canonical order). Only a hint: the thread that parses the line checks
 * it and passes a line that was shared out wrongly on to its owner. Undefined when the line is not
 * written the compact way.
 */
export function streamIdHintOfBytes(bytes: Buffer, start: number, end: number): string | undefined {
  const at = bytes.lastIndexOf(STREAM_ID_KEY_BYTES, end - STREAM_ID_KEY_BYTES.length);
  if (at < start) return undefined;
  const valueStart = at + STREAM_ID_KEY_BYTES.length;
  const valueEnd = bytes.indexOf(QUOTE, valueStart);
  if (valueEnd < 0 || valueEnd >= end) return undefined;
  return bytes.toString('utf8', valueStart, valueEnd);
}
