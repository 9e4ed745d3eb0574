// Setup: this device (unpair it); for technicians, the pre-use check walk-through (SR-18), pairing
// codes for new phones (with a QR code), and the paired devices with revoke.

import { byId, el, fill } from './dom.js';
import * as api from './api.js';

const STEPS = [
  ['rig', 'Nobody strapped in, the rig holding; take command'],
  ['zeros', 'Start the check: every load sensor reads zero unloaded'],
  ['brakes', 'Each brake holds against the drive (the rig tests them one by one)'],
  ['trip', 'Press a stop in the safety chain (the wall e-stop, the pendant STOP)'],
  ['recover', 'Release the stop, then Reset'],
  ['passed', 'Passed: recorded for today'],
];

/** Which step the rig's words put the check at, and whether it failed. */
function stepOf(words) {
  const w = words || '';
  if (w.startsWith('failed')) return { index: 2, failed: true };
  if (w.startsWith('testing brakes')) return { index: 2 };
  if (w.startsWith('press a stop')) return { index: 3 };
  if (w.startsWith('release the stop')) return { index: 4 };
  if (w.startsWith('passed') || w.startsWith('done today')) return { index: 5, done: true };
  return { index: 0 };
}

export function createSetupScreen({ credentials, ask, onForget }) {
  const steps = byId('check-steps');
  const checkState = byId('check-state');
  const codeBox = byId('new-code');
  const devices = byId('devices');

  byId('check-start').addEventListener('click', () => ask('pre-use-check-start'));
  byId('check-reset').addEventListener('click', () => ask('reset'));
  byId('code-trainer').addEventListener('click', () => newCode('trainer'));
  byId('code-technician').addEventListener('click', () => newCode('technician'));
  byId('forget').addEventListener('click', async () => {
    if (!window.confirm('Unpair this device? A technician must pair it again before it can be used.')) return;
    try {
      await api.revokeDevice(credentials(), credentials().panelId);
    } catch (e) {
      // revoked already, or the rig cannot be reached: forget it here anyway
    }
    onForget();
  });

  async function newCode(role) {
    try {
      const c = await api.newPairingCode(credentials(), role);
      const qr = new DOMParser().parseFromString(c.qrSvg, 'image/svg+xml').documentElement;
      fill(codeBox, el('div', { class: 'code', id: 'pairing-code' }, c.code),
        el('p', { class: 'hint' }, `${role} code, works once, until ${new Date(c.expiresAtMs).toLocaleTimeString()}.`
          + ' Scan the QR code with the new phone, or open this page on it and type the code.'),
        document.importNode(qr, true));
      codeBox.hidden = false;
      loadDevices();
    } catch (e) {
      fill(codeBox, el('p', { class: 'message' }, `No code: ${e.message}`));
      codeBox.hidden = false;
    }
  }

  async function loadDevices() {
    if (!credentials() || credentials().role !== 'technician') return;
    try {
      const d = await api.pairedDevices(credentials());
      fill(devices, ...d.panels.map((p) => el('li', { dataset: { panel: p.id } },
        el('span', {}, `${p.name} (${p.role}, ${p.id})${p.self ? ': this device' : ''}`),
        p.self ? null : el('button', { class: 'small', onclick: () => revoke(p) }, 'Revoke'))),
      el('li', { class: 'hint' }, `${d.pendingCodes} unused code(s) waiting`));
    } catch (e) {
      fill(devices, el('li', { class: 'hint' }, `Paired devices unavailable: ${e.message}`));
    }
  }

  async function revoke(p) {
    if (!window.confirm(`Revoke ${p.name}? It will no longer command the rig or see client names.`)) return;
    try {
      await api.revokeDevice(credentials(), p.id);
    } catch (e) {
      window.alert(`Not revoked: ${e.message}`);
    }
    loadDevices();
  }

  function update(state) {
    const words = state ? state.preUseCheck : '';
    const at = stepOf(words);
    fill(steps, ...STEPS.map(([key, text], i) => el('li', {
      class: at.done || i < at.index ? 'done' : i === at.index ? (at.failed ? 'failed' : 'now') : '',
      dataset: { step: key },
    }, text)));
    checkState.textContent = `The rig says: ${words || 'nothing yet'}`;
  }

  function showDevice() {
    const c = credentials();
    byId('this-device').textContent = c ? `${c.name || 'this device'}, ${c.role}, panel ${c.panelId}` : '';
    loadDevices();
  }

  return { update, showDevice, loadDevices };
}
