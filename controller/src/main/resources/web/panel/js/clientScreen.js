// Client (SPEC 6a): pick the client by the name the studio gave (names come from the rig over HTTPS,
// to paired devices only), attach, strapped in / strap out, and the client's session history.

import { byId, el, fill } from './dom.js';
import * as api from './api.js';

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

  async function loadHistory() {
    const id = chosen || attached;
    if (!id || id === historyFor) return;
    historyFor = id;
    fill(historyBox, `Loading the sessions of ${nameOf(id)}...`);
    try {
      const h = await api.history(credentials(), id);
      if (!h.kept || h.sessions.length === 0) {
        fill(historyBox, el('p', { class: 'none' }, `No history yet for ${nameOf(id)}.`));
        return;
      }
      fill(historyBox, el('table', {}, ...h.sessions.map((s) => el('tr', {},
        el('td', {}, new Date(s.startedAtMs).toLocaleDateString()),
        el('td', {}, (s.segments || []).join(', ')),
        el('td', {}, `${s.repetitions} reps`),
        el('td', {}, s.note || (s.stops || []).join('; '))))));
    } catch (e) {
      historyFor = null;
      fill(historyBox, el('p', { class: 'hint' }, `History unavailable: ${e.message}`));
    }
  }

  return {
    loadClients,
    update(state) {
      const now = state && state.client ? state.client.id : null;
      if (now !== attached) {
        attached = now;
        if (attached && !chosen) chosen = attached;
        render();
        loadHistory();
      }
    },
    nameOf,
    attached: () => attached,
  };
}
