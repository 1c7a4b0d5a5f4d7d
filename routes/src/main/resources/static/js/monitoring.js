// The monitoring dashboard's charts: one per indicator over the periods of the year, drawn by uPlot
// (a canvas, styled through the CSSOM: the page's CSP forbids inline styles, not element.style) from the
// data the server put in #charts[data-charts]. The table above holds the same numbers as text.
const host = document.getElementById('charts');
const COLOURS = ['#0b4f9c', '#17612a', '#6b4a00'];

const decimal = (v) => String(v).replace('.', ',');
const shown = (v, unit) => (v == null ? '—' : decimal(v) + (unit ? ' ' + unit : ''));

function loadStyles() {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  // Beside the script the template loaded, so that a context path is kept.
  link.href = document.querySelector('script[src*="uPlot.iife.min.js"]').src.replace('uPlot.iife.min.js', 'uPlot.min.css');
  document.head.append(link);
}

/** One series per kind of period (quarters, half-years), each value at its period's place, and the threshold. */
function seriesOf(data, chart) {
  const kinds = [...new Set(data.kinds)];
  const values = kinds.map((kind) => chart.values.map((v, i) => (data.kinds[i] === kind ? v : null)));
  const series = [{ label: 'Период', value: (u, i) => (i == null ? '—' : data.periods[i]) }];
  kinds.forEach((kind, k) => series.push({
    label: kind, stroke: COLOURS[k % COLOURS.length], width: 2, spanGaps: true,
    points: { show: true, size: 7 }, value: (u, v) => shown(v, chart.unit),
  }));
  const threshold = chart.threshold == null ? [] : [data.periods.map(() => Number(chart.threshold))];
  if (threshold.length) series.push({ label: 'порог', stroke: '#9f1c1c', width: 1.5, dash: [6, 4], points: { show: false },
    value: () => shown(chart.threshold, chart.unit) });
  return { series, values: [data.periods.map((_, i) => i), ...values, ...threshold] };
}

function summary(data, chart) {
  const values = data.periods.map((p, i) => `${p}: ${shown(chart.values[i], chart.unit)}`).join('; ');
  return `${chart.title}. ${values}.` + (chart.threshold == null ? '' : ` Порог: ${shown(chart.threshold, chart.unit)}.`);
}

function draw(data, chart, index) {
  const figure = document.createElement('figure');
  figure.className = 'chart';
  figure.id = `chart-${index}`;
  const caption = document.createElement('figcaption');
  caption.textContent = chart.title;
  const plot = document.createElement('div');
  plot.className = 'plot';
  plot.setAttribute('aria-hidden', 'true');
  const text = document.createElement('p');
  text.className = 'visually-hidden';
  text.textContent = summary(data, chart);
  figure.append(caption, plot, text);
  host.append(figure);

  const { series, values } = seriesOf(data, chart);
  const percent = chart.unit === '%';
  const max = Math.max(1, ...chart.values.filter((v) => v != null).map(Number));
  const options = {
    width: Math.max(260, plot.clientWidth), height: 200, series,
    scales: {
      x: { time: false, range: [-0.4, data.periods.length - 0.6] },
      y: { range: percent ? [0, 100] : [0, Math.ceil(max * 1.2)] },
    },
    axes: [
      { splits: () => data.periods.map((_, i) => i), values: (u, splits) => splits.map((i) => data.periods[i] ?? '') },
      { values: (u, splits) => splits.map((v) => decimal(v) + (percent ? ' %' : '')), size: 56 },
    ],
    // The exact values are in the table: the legend names the lines, and no cursor reads values off the canvas.
    legend: { live: false },
    cursor: { show: false },
  };
  const u = new window.uPlot(options, values, plot);
  return () => u.setSize({ width: Math.max(260, plot.clientWidth), height: 200 });
}

if (host && window.uPlot) {
  loadStyles();
  const data = JSON.parse(host.dataset.charts);
  const resizes = data.charts.map((chart, i) => draw(data, chart, i));
  let pending;
  window.addEventListener('resize', () => {
    clearTimeout(pending);
    pending = setTimeout(() => resizes.forEach((r) => r()), 150);
  });
  host.dataset.drawn = String(resizes.length);
} else if (host) {
  host.textContent = 'Графики не загрузились: значения показателей — в таблице выше.';
}
