/** Another writer appended to the stream first; reload, decide again, or answer 409. */
export class ConcurrencyError extends Error {
  override readonly name = 'ConcurrencyError';
  readonly code = 'concurrency-conflict';
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
    options?: ErrorOptions,
  ) {
    super(`Stream ${streamId} is at version ${actualVersion}, expected ${expectedVersion}`, options);
  }
}

/** A unique key (e.g. KvK-nummer + vestigingsnummer) is already taken by another stream. */
export class UniqueKeyTakenError extends Error {
  override readonly name = 'UniqueKeyTakenError';
  readonly code = 'unique-key-taken';
  constructor(
    readonly key: string,
    options?: ErrorOptions,
  ) {
    super(`Unique key ${key} is already taken`, options);
  }
}

/** One transaction holds at most 100 items (DynamoDB's TransactWriteItems limit). */
export class AppendTooLargeError extends Error {
  override readonly name = 'AppendTooLargeError';
  readonly code = 'append-too-large';
  constructor(readonly count: number) {
    super(`An append takes at most 100 events (with unique keys and the version check); got ${count}`);
  }
}
