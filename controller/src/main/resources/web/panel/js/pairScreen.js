// Pairing (SPEC 6a): a phone becomes a panel only with a technician's one-time code (typed, or read
// from the QR code's link #pair=DIGITS). The rig answers with this device's own panel id and secret.

import { byId } from './dom.js';
import * as api from './api.js';
import { saveCredentials } from './credentials.js';

export function showPairing(onPaired, why) {
  const section = byId('pairing');
  const form = byId('pair-form');
  const code = byId('pair-code');
  const name = byId('pair-name');
  const message = byId('pair-message');
  section.hidden = false;
  byId('app').hidden = true;
  document.body.dataset.paired = 'false';
  message.textContent = why || '';
  message.className = 'message';
  const fromLink = /#pair=(\d{8})/.exec(window.location.hash);
  if (fromLink) code.value = `${fromLink[1].slice(0, 4)} ${fromLink[1].slice(4)}`;
  if (!name.value) name.value = /iPhone|Android|iPad|Mobile/.test(navigator.userAgent) ? 'phone' : 'browser';
  form.onsubmit = async (e) => {
    e.preventDefault();
    byId('pair-submit').disabled = true;
    message.textContent = 'Pairing...';
    try {
      const p = await api.pair(code.value, name.value);
      saveCredentials(p);
      message.textContent = `Paired as ${p.name} (${p.role}).`;
      message.className = 'message ok';
      history.replaceState(null, '', window.location.pathname);
      section.hidden = true;
      onPaired(p);
    } catch (err) {
      message.textContent = err.message;
    } finally {
      byId('pair-submit').disabled = false;
    }
  };
}
