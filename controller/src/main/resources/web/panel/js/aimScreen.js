// Aim (SPEC 5, 6a): choose a segment on the outline's chips, hold to move the straps to it; nudge the
// height up or down by holding; save the height as the client's preset for that segment.

import { byId } from './dom.js';
import { segmentButtons } from './bodyOutline.js';

export function createAimScreen({ holds, ask, send, group }) {
  let chosen = 'L4-L5';
  const targets = () => document.querySelectorAll('#screen-hang .target, #screen-program .target');
  const mark = segmentButtons(byId('segments'), (s) => {
    chosen = s;
    update(lastState);
  });
  let lastState = null;

  holds.attach(byId('hold-aim'), { start: () => ask('aim', { segment: chosen }) });
  holds.attach(byId('hold-up'), {
    start: () => ask('jog', { group: group(), direction: 'up' }),
    release: () => send('jog', { group: group(), direction: 'none' }),
  });
  holds.attach(byId('hold-down'), {
    start: () => ask('jog', { group: group(), direction: 'down' }),
    release: () => send('jog', { group: group(), direction: 'none' }),
  });
  byId('save-preset').addEventListener('click', () => ask('save-offset'));

  function update(state) {
    lastState = state;
    for (const t of targets()) t.textContent = chosen;
    mark(chosen, state && state.liveSegment);
  }

  return { update, chosen: () => chosen };
}
