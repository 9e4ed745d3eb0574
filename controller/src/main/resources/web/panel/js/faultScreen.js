// Faults in plain words with who may reset them, the reset, and the rescue descent (SR-19: hold to
// lower the client slowly, available in a fault). A new fault sounds and shows on every screen.

import { byId, el, fill } from './dom.js';
import { faultTitle, resetWords } from './words.js';

export function createFaultScreen({ holds, ask, send, alarm, role }) {
  const list = byId('fault-list');
  const banner = byId('banner');
  const tab = document.querySelector('.tab[data-tab="faults"]');
  let seen = new Set();

  byId('reset').addEventListener('click', () => ask('reset'));
  holds.attach(byId('hold-rescue'), {
    start: () => ask('rescue', { held: true }),
    release: () => send('rescue', { held: false }),
  });

  function update(state, invertedAlarm, invertedText) {
    const faults = state && Array.isArray(state.faults) ? state.faults : [];
    if (faults.length === 0) {
      fill(list, el('li', { class: 'none' }, 'No faults.'));
    } else {
      fill(list, ...faults.map((f) => el('li', { dataset: { rule: f.rule || '' } },
        el('div', { class: 'title' }, faultTitle(f.rule)),
        el('div', { class: 'who' }, resetWords(f.resetBy)),
        el('div', { class: 'cause' }, [f.cause, f.stop].filter(Boolean).join(' · ')))));
    }
    const keys = new Set(faults.map((f) => `${f.rule}|${f.cause}`));
    for (const k of keys) {
      if (!seen.has(k)) {
        alarm.fault();
        break;
      }
    }
    seen = keys;
    const mayReset = faults.some((f) => f.resetBy === 'trainer' || role() === 'technician');
    byId('reset').disabled = faults.length === 0 && !(state && state.mode === 'ESTOP');
    byId('reset').textContent = faults.length > 0 && !mayReset ? 'Reset (a technician must)' : 'Reset';
    tab.classList.toggle('alert', faults.length > 0 || (state && state.mode === 'ESTOP'));

    if (invertedAlarm) {
      banner.hidden = false;
      banner.className = 'banner alarm';
      banner.textContent = `Too long upside down: ${invertedText}. Lower the client or check on them.`;
    } else if (state && state.mode === 'ESTOP') {
      banner.hidden = false;
      banner.className = 'banner';
      banner.textContent = 'Emergency stop pressed: release it, then Reset.';
    } else if (faults.length > 0) {
      banner.hidden = false;
      banner.className = 'banner';
      banner.textContent = `${faultTitle(faults[0].rule)}. ${resetWords(faults[0].resetBy)}.`;
    } else {
      banner.hidden = true;
    }
  }

  return { update };
}
