// The top of every screen, read at a glance: what the rig does (in words, coloured), why, who is in
// command (with take / release), the time upside down, and whether the link to the rig is up. When this
// panel loses command without releasing it (SR-24: it lapsed, or a technician or the pendant took it),
// the reply line says so in words.

import { byId, minutes } from './dom.js';
import { lostCommandWords, modeWords, ownerWords } from './words.js';

/**
 * @param send asks the rig (take / release command)
 * @param note shows a line in words (the reply line)
 */
export function createStatusBar(link, send, note = () => {}) {
  const mode = byId('mode');
  const reason = byId('mode-reason');
  const owner = byId('command-owner');
  const take = byId('take-command');
  const release = byId('release-command');
  const inverted = byId('inverted');
  const linkState = byId('link');

  let hadCommand = false;
  let releasing = false;
  take.addEventListener('click', () => {
    releasing = false;
    send('take-control');
  });
  release.addEventListener('click', () => {
    releasing = true;
    send('release-control');
  });

  function connection(up, why) {
    linkState.textContent = up ? '' : `No connection: ${why}`;
    linkState.classList.toggle('down', !up);
    if (!up) {
      mode.textContent = 'No connection';
      mode.className = 'mode bad';
    }
  }

  function state(s) {
    if (!s) return;
    const [words, style] = modeWords(s.mode);
    mode.textContent = s.mode === 'PROGRAM' && s.program && s.program.phase === 'paused' ? 'Program paused' : words;
    mode.className = `mode ${style}`;
    // in a fault the banner and the Faults screen say it in words; the rig's own reason lists rule texts
    reason.textContent = s.mode === 'FAULT' ? 'See Faults: what stopped it, and who may reset' : s.modeReason || '';
    const mine = s.controlOwner === link.panelId;
    if (hadCommand && !mine && !releasing) note(lostCommandWords(s.controlOwner));
    if (!mine) releasing = false;
    hadCommand = mine;
    owner.className = `owner ${mine ? 'mine' : s.controlOwner ? 'other' : ''}`;
    owner.textContent = mine ? 'You have command'
      : s.controlOwner ? `${ownerWords(s.controlOwner)} has command` : 'Nobody has command';
    take.hidden = mine;
    release.hidden = !mine;
    document.body.dataset.command = mine ? 'mine' : s.controlOwner ? 'other' : 'none';
    document.body.dataset.mode = s.mode;
  }

  function invertedTime(seconds, alarm) {
    const show = typeof seconds === 'number' && seconds > 0;
    inverted.hidden = !show;
    inverted.textContent = `Upside down ${minutes(seconds)}`;
    inverted.classList.toggle('alarm', !!alarm);
  }

  return { connection, state, invertedTime };
}
