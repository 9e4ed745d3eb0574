// The panel's MQTT link to the rig (docs/mqtt.md): over WebSockets with Eclipse Paho's client, as this
// device's own user; the rig's status, state, telemetry and this panel's replies in; commands out on
// cmd/<panelId> at QoS 0, never retained, never buffered while disconnected, each with the rig's
// session and a counter that only rises. The newest controller clockMs seen in this session goes
// into every held enable (SR-10: the rig refuses an enable based on a reading over 250 ms old).
//
// Counters (docs/mqtt.md, "Counters and hello"): the rig refuses a counter more than a million above
// this panel's mark, so after every (re)connect the link first asks where the mark stands (hello) and
// carries on above it; a DUPLICATE or COUNTER_JUMP refusal asks again. A counter is the wall clock in
// ms when that is above the previous one, so a tab that takes over from another tab of the device (one
// panel id) starts above what that one sent even before the rig's answer to its hello; it never steps
// more than MAX_STEP above the previous one, so after a long sleep it catches up with the clock over a
// few commands instead of jumping. The link says it is
// connected only once the answer to hello is in; before, only what can only make the rig safer goes
// out (a stop, letting go): the rig acts on those whatever their counter.
//
// Every tab of a device is the same panel id, so a tab hears the replies to the other tabs' commands
// on the same reply topic: it passes on only the replies to its own counters. Only one tab is the
// panel (tabClaim.js): a tab standing by sends nothing but a stop and letting go.

const RETRY_MS = 2000;
/** A hello unanswered for this long is sent again (its answer may be lost, or refused by the reply rate). */
const HELLO_RETRY_MS = 1000;
/** The largest step of a counter above the previous one: under the rig's limit of 1,000,000. */
const MAX_STEP = 999000;
/** Refusals that mean the counter is out of step with the rig's mark for this panel. */
const OUT_OF_STEP = new Set(['DUPLICATE', 'COUNTER_JUMP']);
/** How many of this tab's latest counters it recognises its replies by (a reply comes within a second). */
const OWN_COUNTERS = 256;
/** Why a command is not sent from a tab that stands by. */
export const OTHER_TAB = 'this panel is open in another tab';

export function connectRig({ brokerUrl, topicRoot, panelId, secret }) {
  const topics = {
    status: `${topicRoot}/status`, state: `${topicRoot}/state`, telemetry: `${topicRoot}/telemetry`,
    reply: `${topicRoot}/reply/${panelId}`, command: `${topicRoot}/cmd/${panelId}`,
  };
  const listeners = { status: [], state: [], telemetry: [], reply: [], connection: [], sent: [] };
  const link = {
    panelId, topics, connected: false, standby: false, session: null, clockMs: -1, status: null, state: null, telemetry: null,
    /** performance.now() of the newest state or telemetry of this session. */
    heardAt: 0,
    on(event, fn) { listeners[event].push(fn); },
    send,
  };
  let counter = 0;
  /** This tab's latest counters, oldest first (at most OWN_COUNTERS). */
  const own = [];
  /** Another tab of this device is the panel: only a stop and letting go go out from this one. */
  let standby = false;
  /** Whether the broker connection is up (link.connected also needs the rig's answer to hello). */
  let open = false;
  /** Whether the rig's answer to hello is in since the last (re)connect: counters above it are taken. */
  let inStep = false;
  let helloTimer = null;
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
      if (json.command === 'hello') {
        if (json.accepted === true && Number.isSafeInteger(json.lastCounter) && json.lastCounter >= 0) {
          counter = Math.max(counter, json.lastCounter);
          inStep = true;
          clearTimeout(helloTimer);
          if (!link.connected) setConnected(true, 'connected');
        }
        return;
      }
      if (typeof json.counter === 'number' && !own.includes(json.counter)) return; // another tab's
      if (json.accepted === false && OUT_OF_STEP.has(json.reason)) hello();
      emit('reply', json);
    }
  }

  /** Asks where this panel's counter mark stands (answered on the reply topic); again until answered. */
  function hello() {
    inStep = false;
    clearTimeout(helloTimer);
    if (!open || !client) return;
    try {
      client.send(topics.command, JSON.stringify({ command: 'hello' }), 0, false);
    } catch (e) {
      return; // the connection is going: the next connect says hello
    }
    helloTimer = setTimeout(() => { if (!inStep) hello(); }, HELLO_RETRY_MS);
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
      open = false;
      inStep = false;
      clearTimeout(helloTimer);
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
    for (const t of [topics.status, topics.state, topics.telemetry]) client.subscribe(t, { qos: 1 });
    open = true;
    setConnected(false, 'waiting for the rig to answer');
    // hello once the reply topic is there to hear its answer
    client.subscribe(topics.reply, { qos: 1, onSuccess: hello });
  }

  /** Letting go of a hold, or a stop: the rig acts on it whatever its counter (docs/mqtt.md, I-3). */
  function safeDirection(command, fields) {
    return command === 'stop' || ((command === 'enable' || command === 'rescue') && fields.held === false);
  }

  /**
   * Sends one command now, or says why not (never later: nothing is queued while disconnected).
   * @returns {{sent: boolean, counter?: number, why?: string}}
   */
  function send(command, fields = {}) {
    if (standby && !safeDirection(command, fields)) return { sent: false, why: OTHER_TAB };
    if (!open || !client) return { sent: false, why: 'not connected to the rig' };
    if (link.session === null && command !== 'stop') return { sent: false, why: 'no word from the rig yet' };
    if (!inStep && !safeDirection(command, fields)) return { sent: false, why: 'getting in step with the rig' };
    const now = Date.now();
    counter = counter === 0 ? now : Math.max(counter + 1, Math.min(now, counter + MAX_STEP));
    const payload = JSON.stringify({ session: link.session ?? 0, counter, command, ...fields });
    try {
      client.send(topics.command, payload, 0, false);
    } catch (e) {
      return { sent: false, why: 'not connected to the rig' };
    }
    own.push(counter);
    if (own.length > OWN_COUNTERS) own.shift();
    emit('sent', { command, counter });
    return { sent: true, counter };
  }

  /**
   * Another tab of this device is the panel now ({@code on}), or this one is again: it gets in step
   * with the rig first (the other tab's commands have raised this panel's counter mark).
   */
  link.standBy = (on) => {
    if (on === standby) return;
    standby = on;
    link.standby = on;
    if (!on) hello();
  };

  link.close = () => {
    stopped = true;
    clearTimeout(helloTimer);
    try { if (client && open) client.disconnect(); } catch (e) { /* closing anyway */ }
  };

  connect();
  return link;
}
