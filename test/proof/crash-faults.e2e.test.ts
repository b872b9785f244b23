import { describe, expect, it } from 'vitest';
import { runCrashFaults } from './suites/crash-faults.ts';

/**
 * Smoke version of the crash-faults proof (`npm run proof -- crash` runs longer, with three runtime
 * kills): DynamoDB Local killed and restarted, then frozen and thawed, then the runtime killed with
 * SIGKILL and restarted on the same data folder, all under load. Commands answer 503 problem+json
 * while DynamoDB is away, nothing acknowledged is lost, views converge to a rebuild.
 */
describe('crash faults', () => {
  it('answer 503 while DynamoDB is away and lose nothing across DynamoDB and runtime crashes', async () => {
    const report = await runCrashFaults({
      rate: 6,
      phaseSeconds: 2,
      outageSeconds: 3,
      runtimeKills: 1,
      dynamoDbRequestTimeoutMs: 500,
    });

    expect(report.failures).toEqual([]);
    const byWindow = report.figures.byWindow as Record<string, { statuses: Record<string, number> }>;
    expect(byWindow['dynamodb-killed']?.statuses['503']).toBeGreaterThan(0);
    expect(report.nothingLost.views.equalToRebuild).toBe(true);
    expect(report.nothingLost.views.behind).toBe(0);
  });
});
