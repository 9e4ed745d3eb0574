// A bar per rope: its load in kg and as a share of its limit, coloured by band (SPEC 6: green up to
// 80 %, yellow up to 95 %, red above; the band comes from the rig, the words are printed too).

import { el } from './dom.js';
import { ropeName } from './words.js';

export function drawLoadBars(container, telemetry) {
  if (!telemetry || !Array.isArray(telemetry.ropes)) {
    container.replaceChildren(el('div', { class: 'hint' }, 'No load readings yet'));
    return;
  }
  const rows = telemetry.ropes.map((r) => {
    const known = typeof r.loadKg === 'number';
    const share = typeof r.shareOfLimit === 'number' ? r.shareOfLimit : 0;
    const band = known && r.band ? r.band : 'unknown';
    const fill = el('div', { class: 'fill' });
    fill.style.width = `${Math.min(100, Math.max(0, share * 100)).toFixed(1)}%`;
    const value = known ? `${r.loadKg.toFixed(1)} kg ${Math.round(share * 100)}%` : 'unknown';
    return el('div', { class: `load ${band}`, dataset: { rope: r.id, band } },
      el('span', { class: 'name' }, ropeName(r.id)),
      el('div', { class: 'bar', role: 'meter', 'aria-valuenow': Math.round(share * 100), 'aria-label': `${ropeName(r.id)} ${band}` }, fill),
      el('span', { class: 'value' }, value));
  });
  container.replaceChildren(...rows);
}
