// The rig's small HTTPS API (docs/panel.md): the page's bootstrap, pairing, and what only paired
// devices may read (client names, histories) or, for technicians, do (pairing codes, revoking).
// Nothing that moves the rig goes through here: commands go over MQTT like every panel's.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function call(method, path, credentials, body) {
  const headers = {};
  if (credentials) headers.Authorization = `Bearer ${credentials.panelId}:${credentials.secret}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, 'the rig cannot be reached');
  }
  if (response.status === 204) return null;
  let json = null;
  try {
    json = await response.json();
  } catch (e) {
    // not JSON
  }
  if (!response.ok) throw new ApiError(response.status, (json && json.error) || `the rig answered ${response.status}`);
  return json;
}

export const rigInfo = () => call('GET', '/api/rig');
export const pair = (code, deviceName) => call('POST', '/api/pair', null, { code, deviceName });
export const me = (c) => call('GET', '/api/me', c);
export const clients = (c) => call('GET', '/api/clients', c);
export const history = (c, clientId) => call('GET', `/api/clients/${encodeURIComponent(clientId)}/history`, c);
export const newPairingCode = (c, role) => call('POST', '/api/pairing-codes', c, { role });
export const pairedDevices = (c) => call('GET', '/api/panels', c);
export const revokeDevice = (c, id) => call('DELETE', `/api/panels/${encodeURIComponent(id)}`, c);
