// This device's pairing (panel id and secret), kept in the browser's local storage. The secret is the
// device's MQTT password and its key to the rig's HTTPS API; unpairing forgets it.

const KEY = 'liana-rig-panel';

export function loadCredentials() {
  try {
    const c = JSON.parse(localStorage.getItem(KEY) || 'null');
    if (c && typeof c.panelId === 'string' && typeof c.secret === 'string') return c;
  } catch (e) {
    // a damaged entry is no pairing
  }
  return null;
}

export function saveCredentials(c) {
  localStorage.setItem(KEY, JSON.stringify({ panelId: c.panelId, secret: c.secret, role: c.role, name: c.name }));
}

export function forgetCredentials() {
  localStorage.removeItem(KEY);
}
