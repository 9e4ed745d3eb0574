// Client (SPEC 6a): pick the client by the name the studio gave (names come from the rig over HTTPS,
// to paired devices only), attach, strapped in / strap out, and the client's session history.

import { byId, el, fill } from './dom.js';
import { exerciseWords } from './words.js';
import * as api from './api.js';

/** A session that ended is on record this soon after the state that says so. */
const SAVED_WITHIN_MS = 1000;

/** "L4-L5 at 1040 mm" for each aim of a session. */
function aims(s) {
  const segments = s.segments || [];
  const heights = s.heightsMm || [];
  return segments.map((seg, i) => (Number.isFinite(heights[i]) ? `${seg} at ${Math.round(heights[i])} mm` : seg));
}

/** One session: when, which exercise, the aims, the holds, the stops and the trainer's notes. */
function sessionItem(s) {
  const when = new Date(s.startedAtMs).toLocaleString(undefined,
    { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  const holds = s.holdsS || [];
  const stops = s.stops || [];
  const aimed = aims(s);
  return el('li', { class: 'session', dataset: { startedAtMs: s.startedAtMs } },
    el('div', { class: 'when' }, el('b', {}, when), ` ${exerciseWords(s.exercise)}`),
    el('div', { class: 'aims' }, aimed.length ? `Aimed at ${aimed.join(', ')}` : 'No aim'),
    el('div', { class: 'holds' }, holds.length
      ? `${holds.length} ${holds.length === 1 ? 'hold' : 'holds'} (${holds.map((h) => `${h.toFixed(1)} s`).join(', ')}), `
        + `${s.repetitions} ${s.repetitions === 1 ? 'repetition' : 'repetitions'}`
      : 'No program'),
    stops.length ? el('div', { class: 'stops' }, `Stopped: ${stops.join('; ')}`) : null,
    s.note ? el('div', { class: 'note' }, `Note: ${s.note}`) : null);
}

export function createClientScreen({ credentials, ask }) {
  const list = byId('client-list');
  const historyBox = byId('history');
  const attach = byId('attach');
  let clients = [];
  let chosen = null;
  let attached = null;
  let historyFor = null;

  attach.addEventListener('click', () => {
    if (chosen) ask('attach', { clientId: chosen });
  });
  byId('client-ready').addEventListener('click', () => ask('client-ready'));
  byId('detach').addEventListener('click', () => ask('detach'));

  function nameOf(id) {
    const c = clients.find((x) => x.id === id);
    return c && c.name ? c.name : id;
  }

  function render() {
    fill(list, ...clients.map((c) => el('button', {
      class: `${c.id === chosen ? 'chosen' : ''} ${c.id === attached ? 'attached' : ''}`,
      role: 'option', 'aria-selected': c.id === chosen, dataset: { client: c.id },
      onclick: () => { chosen = c.id; render(); loadHistory(); },
    }, c.name || c.id)));
    if (clients.length === 0) fill(list, el('p', { class: 'hint' }, 'The rig has no client profiles yet.'));
    attach.disabled = !chosen;
    attach.textContent = chosen ? `Attach ${nameOf(chosen)}` : 'Attach';
  }

  async function loadClients() {
    try {
      clients = (await api.clients(credentials())).clients || [];
    } catch (e) {
      clients = [];
      fill(list, el('p', { class: 'hint' }, `Client names unavailable: ${e.message}`));
      return;
    }
    render();
  }

  /**
   * Loads the history of the chosen (or attached) client; again only when asked to ({@code fresh}): the
   * rig adds a session when a client is strapped out, and when the Client tab is opened.
   */
  async function loadHistory(fresh = false) {
    const id = chosen || attached;
    if (!id || (id === historyFor && !fresh)) return;
    historyFor = id;
    if (!fresh) fill(historyBox, `Loading the sessions of ${nameOf(id)}...`);
    try {
      const h = await api.history(credentials(), id);
      if (historyFor !== id) return; // another client was picked meanwhile
      if (!h.kept || h.sessions.length === 0) {
        fill(historyBox, el('p', { class: 'none' }, `No history yet for ${nameOf(id)}.`));
        return;
      }
      fill(historyBox, el('p', { class: 'hint' }, `The last ${h.sessions.length} sessions of ${nameOf(id)}, newest first`),
        el('ol', { class: 'sessions' }, ...h.sessions.map(sessionItem)));
    } catch (e) {
      historyFor = null;
      fill(historyBox, el('p', { class: 'hint' }, `History unavailable: ${e.message}`));
    }
  }

  return {
    loadClients,
    /** The Client tab was opened: the history as the rig has it now. */
    refreshHistory: () => loadHistory(true),
    update(state) {
      const now = state && state.client ? state.client.id : null;
      if (now !== attached) {
        const strappedOut = attached !== null;
        attached = now;
        if (attached && !chosen) chosen = attached;
        render();
        loadHistory(strappedOut);
        // a client strapped out (or another attached) ends a session: the rig saves it as it hears of it,
        // which may be a moment after this state went out, so the history is read once more a little later
        if (strappedOut) setTimeout(() => loadHistory(true), SAVED_WITHIN_MS);
      }
    },
    nameOf,
    attached: () => attached,
  };
}
