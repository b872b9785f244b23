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
