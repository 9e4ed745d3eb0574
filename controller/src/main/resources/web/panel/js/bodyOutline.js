// The client as the rig holds them, head down on the mat, feet up in the straps: the spine's seven
// target segments marked, the aimed one filled blue, the live estimate ringed orange (SPEC 5, 6a).

import { el } from './dom.js';

export const SEGMENTS = ['C7-T1', 'T4', 'T8', 'T12-L1', 'L3', 'L4-L5', 'L5-S1'];
// Heights along the inverted spine in the drawing's units (viewBox 0 0 200 400): hips high, neck low.
const Y = { 'L5-S1': 186, 'L4-L5': 202, L3: 218, 'T12-L1': 238, T8: 262, T4: 284, 'C7-T1': 304 };
const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

export function drawBodyOutline(root) {
  root.replaceChildren(
    svg('line', { class: 'rope', x1: 88, y1: 0, x2: 88, y2: 26 }),
    svg('line', { class: 'rope', x1: 112, y1: 0, x2: 112, y2: 26 }),
    // legs (straps at the ankles), pelvis, trunk, arms, head; the mat below
    svg('path', { class: 'body-shape', d: 'M78 24 h20 l4 150 h-4 l-2 -2 h-0 l-2 2 h-4 l-12 -150z' }),
    svg('path', { class: 'body-shape', d: 'M102 24 h20 l-12 150 h-4 l-2 -2 l-2 2 h-4z' }),
    svg('path', { class: 'body-shape', d: 'M76 170 h48 q6 0 6 10 v120 q0 12 -14 14 h-32 q-14 -2 -14 -14 v-120 q0 -10 6 -10z' }),
    svg('path', { class: 'body-shape', d: 'M70 200 q-10 60 -8 150 h8 q2 -80 8 -130z' }),
    svg('path', { class: 'body-shape', d: 'M130 200 q10 60 8 150 h-8 q-2 -80 -8 -130z' }),
    svg('circle', { class: 'body-shape', cx: 100, cy: 340, r: 24 }),
    svg('line', { class: 'mat', x1: 10, y1: 366, x2: 190, y2: 366 }),
    svg('line', { class: 'spine', x1: 100, y1: 178, x2: 100, y2: 312 }),
    ...SEGMENTS.map((s) => svg('circle', { class: 'seg', cx: 100, cy: Y[s], r: 6, 'data-segment': s })),
    svg('circle', { class: 'live-ring', id: 'live-ring', cx: 100, cy: 0, r: 11, visibility: 'hidden' }),
    svg('text', { id: 'aimed-text', x: 146, y: 0, visibility: 'hidden' }),
  );
}

/** Marks the aimed and the live segment (null: none). */
export function showSegments(root, aimed, live) {
  for (const c of root.querySelectorAll('circle.seg')) c.classList.toggle('aimed', c.dataset.segment === aimed);
  const ring = root.querySelector('#live-ring');
  if (live && Y[live]) {
    ring.setAttribute('cy', Y[live]);
    ring.setAttribute('visibility', 'visible');
  } else {
    ring.setAttribute('visibility', 'hidden');
  }
  const text = root.querySelector('#aimed-text');
  if (aimed && Y[aimed]) {
    text.textContent = aimed;
    text.setAttribute('y', Y[aimed] + 4);
    text.setAttribute('class', 'aimed');
    text.setAttribute('visibility', 'visible');
  } else {
    text.setAttribute('visibility', 'hidden');
  }
}

export function segmentButtons(container, onChoose) {
  const buttons = SEGMENTS.map((s) => el('button', { dataset: { segment: s }, onclick: () => onChoose(s) }, s));
  container.replaceChildren(...buttons);
  return (chosen, live) => {
    for (const b of buttons) {
      b.classList.toggle('chosen', b.dataset.segment === chosen);
      b.classList.toggle('live', b.dataset.segment === live);
    }
  };
}
