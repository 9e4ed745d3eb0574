// Move to a height (SPEC 6a): set the strap height, then hold to move there (SR-10: only while held).

import { byId } from './dom.js';

export function createHeightScreen({ holds, ask, group }) {
  const input = byId('height-mm');
  const target = document.querySelector('#hold-move .target');
  const heightMm = () => {
    const v = Math.round(Number(input.value));
    return Number.isFinite(v) && v >= 0 ? v : null;
  };
  const label = () => {
    const h = heightMm();
    target.textContent = h === null ? '?' : `${h} mm`;
  };
  input.addEventListener('input', label);
  for (const b of document.querySelectorAll('#screen-height .step')) {
    b.addEventListener('click', () => {
      input.value = String(Math.max(0, (heightMm() ?? 0) + Number(b.dataset.step)));
      label();
    });
  }
  holds.attach(byId('hold-move'), () => {
    const h = heightMm();
    return h === null ? null : { start: () => ask('move-to', { group: group(), heightMm: h }) };
  });
  label();
  return {};
}
