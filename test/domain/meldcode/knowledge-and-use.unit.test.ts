import { describe, expect, it } from 'vitest';
import { assessKnowledgeAndUse } from '#domain/meldcode/knowledge-and-use.ts';
import type { PromotionMeasure } from '#events/values.ts';

describe('Q3 at the 12-month boundary', () => {
  const table: [string, string, 'sufficient' | 'insufficient'][] = [
    // asOf, the only measure's date, answer
    ['2025-03-15', '2024-03-15', 'sufficient'],
    ['2025-03-15', '2024-03-14', 'insufficient'],
    ['2025-03-15', '2025-03-15', 'sufficient'],
    ['2025-03-15', '2025-03-16', 'insufficient'],
    ['2024-02-29', '2023-02-28', 'sufficient'],
    ['2024-02-29', '2023-02-27', 'insufficient'],
    ['2025-02-28', '2024-02-28', 'sufficient'],
    ['2025-02-28', '2024-02-27', 'insufficient'],
    ['2025-01-01', '2024-01-01', 'sufficient'],
    ['2025-01-01', '2023-12-31', 'insufficient'],
  ];

  it.each(table)('on %s a measure of %s is %s', (asOf, date, answer) => {
    const assessment = assessKnowledgeAndUse([{ kind: 'training', date }], asOf);
    expect(assessment.answer).toBe(answer);
    expect(assessment.recentMeasures).toHaveLength(answer === 'sufficient' ? 1 : 0);
  });
});

describe('Q3 reach', () => {
  const recent = (reachPercentage?: number): PromotionMeasure =>
    reachPercentage === undefined
      ? { kind: 'scholing', date: '2025-01-10' }
      : { kind: 'scholing', date: '2025-01-10', reachPercentage };

  it.each([
    [[recent(51)], 'sufficient', 'recent-measure-reaching-most-staff'],
    [[recent(50.1)], 'sufficient', 'recent-measure-reaching-most-staff'],
    [[recent(50)], 'insufficient', 'reach-too-low'],
    [[recent(30), recent(30)], 'insufficient', 'reach-too-low'],
    [[recent(20), recent(90)], 'sufficient', 'recent-measure-reaching-most-staff'],
    [[recent()], 'sufficient', 'recent-measure-reach-unknown'],
    [[recent(), recent(40)], 'insufficient', 'reach-too-low'],
    [[{ kind: 'e-learning', date: '2023-05-01', reachPercentage: 100 }], 'insufficient', 'no-recent-measure'],
    [[], 'unknown', 'no-measures-known'],
  ] as [PromotionMeasure[], string, string][])('%j: %s (%s)', (measures, answer, reason) => {
    const assessment = assessKnowledgeAndUse(measures, '2025-06-01');
    expect(assessment).toMatchObject({ answer, reason, windowStart: '2024-06-01', asOf: '2025-06-01' });
  });

  it('does not add reach up across measures: the same staff attend several', () => {
    expect(assessKnowledgeAndUse([recent(30), recent(30)], '2025-06-01').bestRecentReach).toBe(30);
  });

  it('names its legal basis', () => {
    expect(assessKnowledgeAndUse([], '2025-06-01').legalBasis).toContain('Wmo 2015 art. 3.3');
  });
});
