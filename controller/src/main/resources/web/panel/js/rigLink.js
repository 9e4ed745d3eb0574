// The panel's MQTT link to the rig (docs/mqtt.md): over WebSockets with Eclipse Paho's client, as this
// device's own user; the rig's status, state, telemetry and this panel's replies in; commands out on
// cmd/<panelId> at QoS 0, never retained, never buffered while disconnected, each with the rig's
// session and a counter that only rises. The newest controller clockMs seen in this session goes
// into every held enable (SR-10: the rig refuses an enable based on a reading over 250 ms old).

const RETRY_MS = 2000;

export function connectRig({ brokerUrl, topicRoot, panelId, secret }) {
  const topics = {
    status: `${topicRoot}/status`, state: `${topicRoot}/state`, telemetry: `${topicRoot}/telemetry`,
    reply: `${topicRoot}/reply/${panelId}`, command: `${topicRoot}/cmd/${panelId}`,
  };
  const listeners = { status: [], state: [], telemetry: [], reply: [], connection: [], sent: [] };
  const link = {
    panelId, topics, connected: false, session: null, clockMs: -1, status: null, state: null, telemetry: null,
    /** performance.now() of the newest state or telemetry of this session. */
    heardAt: 0,
    on(event, fn) { listeners[event].push(fn); },
    send,
  };
  let counter = 0;
  let client = null;
  let stopped = false;

  function emit(event, value) {
    for (const fn of listeners[event]) {
      try { fn(value); } catch (e) { console.error(`panel: a ${event} listener failed`, e); }
    }
  }

  function newSession(session) {
    link.session = session;
    link.clockMs = -1;
    link.state = null;
    link.telemetry = null;
  }

  /** A message of this session counts; a newer session (the service restarted) replaces the old one. */
  function belongs(session) {
    if (link.session === null || session > link.session) {
      if (link.session !== null) newSession(session);
      link.session = session;
      return true;
    }
    return session === link.session;
  }

  function onMessage(message) {
    let json;
    try {
      json = JSON.parse(message.payloadString);
    } catch (e) {
      return; // not JSON: ignored, like every malformed payload
    }
    if (!json || typeof json !== 'object') return;
    const topic = message.destinationName;
    if (topic === topics.status) {
      if (typeof json.session === 'number' && json.status === 'online' && json.session !== link.session) {
        newSession(json.session);
      }
      link.status = json;
      emit('status', json);
    } else if (topic === topics.state || topic === topics.telemetry) {
      if (typeof json.session !== 'number' || !belongs(json.session)) return;
      if (typeof json.clockMs === 'number' && json.clockMs > link.clockMs) link.clockMs = json.clockMs;
      link.heardAt = performance.now();
      if (topic === topics.state) {
        link.state = json;
        emit('state', json);
      } else {
        link.telemetry = json;
        emit('telemetry', json);
      }
    } else if (topic === topics.reply) {
      emit('reply', json);
    }
  }

  function setConnected(up, why) {
    link.connected = up;
    emit('connection', { up, why });
  }

  function connect() {
    if (stopped) return;
    const clientId = `${panelId}-${Math.random().toString(36).slice(2, 10)}`;
    client = new window.Paho.Client(brokerUrl, clientId);
    client.onMessageArrived = onMessage;
    client.onConnectionLost = (r) => {
      setConnected(false, r && r.errorMessage ? r.errorMessage : 'connection lost');
    };
    client.onConnected = (reconnect) => {
      if (reconnect) subscribe();
    };
    client.connect({
      userName: panelId, password: secret, useSSL: brokerUrl.startsWith('wss:'), cleanSession: true,
      mqttVersion: 4, keepAliveInterval: 5, timeout: 5, reconnect: true,
      onSuccess: subscribe,
      onFailure: (e) => {
        setConnected(false, e && e.errorMessage ? e.errorMessage : 'cannot connect');
        setTimeout(connect, RETRY_MS);
      },
    });
  }

  function subscribe() {
    for (const t of [topics.status, topics.state, topics.telemetry, topics.reply]) client.subscribe(t, { qos: 1 });
    setConnected(true, 'connected');
  }

  /**
   * Sends one command now, or says why not (never later: nothing is queued while disconnected).
   * @returns {{sent: boolean, counter?: number, why?: string}}
   */
  function send(command, fields = {}) {
    if (!link.connected || !client) return { sent: false, why: 'not connected to the rig' };
    if (link.session === null && command !== 'stop') return { sent: false, why: 'no word from the rig yet' };
    counter = Math.max(counter + 1, Date.now() * 1000);
    const payload = JSON.stringify({ session: link.session ?? 0, counter, command, ...fields });
    try {
      client.send(topics.command, payload, 0, false);
    } catch (e) {
      return { sent: false, why: 'not connected to the rig' };
    }
    emit('sent', { command, counter });
    return { sent: true, counter };
  }

  link.close = () => {
    stopped = true;
    try { if (client && link.connected) client.disconnect(); } catch (e) { /* closing anyway */ }
  };

  connect();
  return link;
}
