import { h, svg, uid } from './dom.ts';

/**
 * A stacked bar chart per row (e.g. per sector) in HTML and SVG. Every number is also text next to
 * its bar, so the chart never relies on colour or on seeing the bar (WCAG 1.1.1, 1.4.1); the bar
 * itself is an image whose name gives the shares in percent. Segments are separated by white
 * gaps so each colour meets 3:1 against its surroundings (1.4.11), and "nee" is hatched too.
 */
export interface Series {
  readonly key: string;
  readonly label: string;
  readonly tone: 'ja' | 'nee' | 'onbekend';
}

export interface BarRow {
  readonly label: string;
  readonly values: Readonly<Record<string, number>>;
}

const FILL: Record<Series['tone'], string> = {
  ja: 'hsl(90 30% 30%)',
  nee: 'hsl(0 100% 40%)',
  onbekend: 'hsl(0 0% 40%)',
};

function patternDefs(id: string): SVGDefsElement {
  return svg(
    'defs',
    null,
    svg(
      'pattern',
      { id, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
      svg('rect', { width: 6, height: 6, fill: FILL.nee }),
      svg('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: 'white', 'stroke-width': 2 }),
    ),
  );
}

function swatch(tone: Series['tone']): SVGSVGElement {
  const patternId = uid('arcering');
  return svg(
    'svg',
    {
      width: 20,
      height: 20,
      viewBox: '0 0 20 20',
      'aria-hidden': 'true',
      focusable: 'false',
      class: 'app-chart__swatch',
    },
    tone === 'nee' ? patternDefs(patternId) : null,
    svg('rect', { x: 1, y: 1, width: 18, height: 18, fill: tone === 'nee' ? `url(#${patternId})` : FILL[tone] }),
  );
}

function bar(row: BarRow, series: readonly Series[], total: number, max: number): SVGSVGElement {
  const width = 1000;
  const height = 24;
  const patternId = uid('arcering');
  const scaled = max > 0 ? (total / max) * width : 0;
  let x = 0;
  const parts: SVGElement[] = [];
  const shares: string[] = [];
  for (const s of series) {
    const value = row.values[s.key] ?? 0;
    if (value <= 0 || total <= 0) continue;
    const w = (value / total) * scaled;
    parts.push(
      svg('rect', {
        x: x.toFixed(2),
        y: 0,
        width: Math.max(w - 3, 1).toFixed(2),
        height,
        fill: s.tone === 'nee' ? `url(#${patternId})` : FILL[s.tone],
      }),
    );
    shares.push(`${Math.round((value / total) * 100)}% ${s.label}`);
    x += w;
  }
  return svg(
    'svg',
    {
      class: 'app-chart__bar',
      viewBox: `0 0 ${width} ${height}`,
      preserveAspectRatio: 'none',
      role: 'img',
      'aria-label': total > 0 ? `${row.label}: ${shares.join(', ')}` : `${row.label}: geen organisaties`,
    },
    patternDefs(patternId),
    svg('rect', { x: 0, y: 0, width, height, fill: 'none', stroke: 'hsl(0 0% 40%)', 'stroke-width': 1 }),
    parts,
  );
}

export function stackedBars(caption: string, series: readonly Series[], rows: readonly BarRow[]): HTMLElement {
  const totals = rows.map((r) => series.reduce((sum, s) => sum + (r.values[s.key] ?? 0), 0));
  const max = Math.max(0, ...totals);
  const captionId = uid('grafiek');
  return h(
    'figure',
    { class: 'utrecht-figure app-chart', 'aria-labelledby': captionId },
    h('figcaption', { class: 'utrecht-figure__caption app-chart__caption', id: captionId }, caption),
    h(
      'ul',
      { class: 'app-chart__legend', 'aria-label': 'Legenda' },
      series.map((s) => h('li', { class: 'app-chart__legend-item' }, swatch(s.tone), s.label)),
    ),
    h(
      'ul',
      { class: 'app-chart__rows' },
      rows.map((row, i) =>
        h(
          'li',
          { class: 'app-chart__row' },
          h('span', { class: 'app-chart__label' }, `${row.label} (${totals[i] ?? 0})`),
          bar(row, series, totals[i] ?? 0, max),
          h(
            'span',
            { class: 'app-chart__counts' },
            series.map((s) => `${row.values[s.key] ?? 0} ${s.label}`).join(' · '),
          ),
        ),
      ),
    ),
  );
}
