// The trainers' handheld panel (SPEC 6a): pairing, then the rig over MQTT like any panel, and the
// screens. This module only wires the others together.

import * as api from './api.js';
import { byId, minutes } from './dom.js';
import { loadCredentials, saveCredentials, forgetCredentials } from './credentials.js';
import { showPairing } from './pairScreen.js';
import { connectRig } from './rigLink.js';
import { startHeartbeat } from './heartbeat.js';
import { createHoldToRun } from './holdToRun.js';
import { attachStopButton } from './stopButton.js';
import { createStatusBar } from './statusBar.js';
import { createReplyLine } from './replyLine.js';
import { createAlarm } from './alarm.js';
import { drawBodyOutline, showSegments } from './bodyOutline.js';
import { drawLoadBars } from './loadBars.js';
import { createTabs } from './tabs.js';
import { createTabClaim } from './tabClaim.js';
import { createAimScreen } from './aimScreen.js';
import { createClientScreen } from './clientScreen.js';
import { createHeightScreen } from './heightScreen.js';
import { createProgramScreen } from './programScreen.js';
import { createFaultScreen } from './faultScreen.js';
import { createSetupScreen } from './setupScreen.js';

/** No state or telemetry for this long while connected: the rig is silent (its service stopped?). */
const SILENT_MS = 1500;
/** Hold endings that need no word on screen. */
const QUIET_ENDINGS = new Set(['released', 'STOP']);

let credentials = loadCredentials();

async function boot() {
  let rig;
  try {
    rig = await api.rigInfo();
  } catch (e) {
    document.body.textContent = `The rig cannot be reached: ${e.message}. Reload to try again.`;
    return;
  }
  if (!credentials) {
    showPairing(() => { credentials = loadCredentials(); start(rig); });
    return;
  }
  try {
    const me = await api.me(credentials);
    credentials = { ...credentials, role: me.role, name: me.name };
    saveCredentials(credentials);
  } catch (e) {
    if (e.status === 401) {
      forgetCredentials();
      credentials = null;
      showPairing(() => { credentials = loadCredentials(); start(rig); }, e.message);
      return;
    }
  }
  start(rig);
}

function start(rig) {
  document.body.dataset.paired = 'true';
  document.body.dataset.role = credentials.role || 'trainer';
  byId('app').hidden = false;

  const link = connectRig({ brokerUrl: rig.brokerUrl, topicRoot: rig.topicRoot, panelId: credentials.panelId,
    secret: credentials.secret });
  const reply = createReplyLine();
  /** A command the trainer asked for: its answer shows on the reply line. */
  const ask = (command, fields) => {
    const r = link.send(command, fields);
    reply.asked(command, r);
    return r;
  };
  /** A command that goes with another (the release of a hold): only a refusal shows. */
  const send = (command, fields) => link.send(command, fields);
  const holds = createHoldToRun(link, (holding, reason) => {
    if (!holding && !QUIET_ENDINGS.has(reason)) reply.note(`Motion paused: ${reason}`);
  });
  attachStopButton(byId('stop'), link, holds, (command, r) => reply.asked(command, r));
  startHeartbeat(link);
  // one tab of this device is the panel: this one, newly opened, until another claims it (tabClaim.js)
  const thisTab = createTabClaim(credentials.panelId, (live) => {
    if (!live) holds.end('open in another tab');
    link.standBy(!live);
    document.body.dataset.standby = String(!live);
    byId('elsewhere').hidden = live;
  });
  byId('use-here').addEventListener('click', () => thisTab.claim());
  thisTab.claim();

  const status = createStatusBar(link, ask, (text) => reply.note(text));
  const alarm = createAlarm(byId('alarm'));
  const outline = byId('outline');
  drawBodyOutline(outline);
  const group = () => rig.jogGroup || 'legs';
  const aim = createAimScreen({ holds, ask, send, group });
  const clients = createClientScreen({ credentials: () => credentials, ask });
  createHeightScreen({ holds, ask, group });
  const program = createProgramScreen({ holds, ask, segment: aim.chosen });
  const faults = createFaultScreen({ holds, ask, send, alarm, role: () => credentials.role });
  const setup = createSetupScreen({
    credentials: () => credentials, ask,
    onForget: () => { forgetCredentials(); window.location.replace('/'); },
  });
  createTabs((tab) => {
    if (tab === 'client') { clients.loadClients(); clients.refreshHistory(); }
    if (tab === 'setup') setup.showDevice();
  });
  clients.loadClients();
  setup.showDevice();

  let scheduled = false;
  function render() {
    scheduled = false;
    const s = link.state;
    const t = link.telemetry;
    if (s) status.state(s);
    const invertedS = t && typeof t.invertedS === 'number' ? t.invertedS : s ? s.invertedS : null;
    const invertedAlarm = !!(s && s.invertedAlarm);
    status.invertedTime(invertedS, invertedAlarm);
    alarm.inverted(invertedAlarm);
    const aimed = s && s.aim ? s.aim.segment : null;
    showSegments(outline, aimed, s ? s.liveSegment : null);
    byId('aimed-label').textContent = aimed || '-';
    byId('live-label').textContent = (s && s.liveSegment) || '-';
    const heights = t && Array.isArray(t.winches) ? t.winches.filter((w) => typeof w.positionMm === 'number') : [];
    byId('height-label').textContent = heights.length ? `straps ${Math.round(heights[0].positionMm)} mm` : '';
    drawLoadBars(byId('loads'), t);
    aim.update(s);
    clients.update(s);
    program.update(s, t);
    faults.update(s, invertedAlarm, minutes(invertedS));
    setup.update(s);
  }
  const later = () => {
    if (!scheduled) {
      scheduled = true;
      requestAnimationFrame(render);
    }
  };
  link.on('state', later);
  link.on('telemetry', later);
  link.on('reply', (r) => reply.reply(r));
  link.on('connection', (c) => {
    status.connection(c.up, c.why);
    if (c.up) later();
  });
  status.connection(false, 'connecting');
  setInterval(() => {
    if (link.connected && link.heardAt > 0 && performance.now() - link.heardAt > SILENT_MS) {
      status.connection(false, 'the rig is silent');
    } else if (link.connected) {
      byId('link').textContent = '';
      byId('link').classList.remove('down');
    }
  }, 500);
  render();
}

boot();
