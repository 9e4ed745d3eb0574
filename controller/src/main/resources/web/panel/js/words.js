// Plain words for what the rig says (SPEC 6a: mode and faults in plain words, never an internal name).

const MODES = {
  STARTING: ['Starting up', ''],
  HOLDING: ['Holding', 'ok'],
  ATTACHING: ['Strapping in', 'ok'],
  READY: ['Ready', 'ok'],
  MOVING: ['Moving', 'moving'],
  PROGRAM: ['Program', 'moving'],
  FAULT: ['Stopped: fault', 'bad'],
  ESTOP: ['Emergency stop', 'bad'],
};

/** [words, style] for a mode. */
export function modeWords(mode) {
  return MODES[mode] || ['Unknown state', 'bad'];
}

const RULES = {
  'SR-1': 'A rope is overloaded',
  'SR-2': 'Too much weight on the rig',
  'SR-3': 'Lowering too fast',
  'SR-4': 'Motion too harsh',
  'SR-5': 'Loading too fast',
  'SR-6': 'A rope went slack: foot slipping?',
  'SR-7': 'The ropes are uneven',
  'SR-8': 'A load sensor is faulty',
  'SR-9': 'Lost contact with the winches',
  'SR-10': 'The enable was let go',
  'SR-11': 'Emergency stop pressed',
  'SR-12': 'At the end of travel',
  'SR-13': 'A winch did not follow, or the straps drifted apart',
  'SR-14': 'A brake is slipping',
  'SR-15': 'The rig restarted',
  'SR-16': 'A command was refused',
  'SR-17': 'A load sensor is not calibrated',
  'SR-18': 'The pre-use check is not done',
  'SR-19': 'The rescue descent did not lower',
  'SR-20': 'The head is leaving the mat',
  'SR-21': 'Too long upside down',
  'SR-22': 'The controller was too slow',
  'SR-23': 'A winch position is unknown',
  'SR-24': 'Command lapsed',
  'SR-25': 'The loads do not fit the client',
  'SR-26': 'The rig cannot record: storage problem',
};

export function faultTitle(rule) {
  return RULES[rule] || 'The rig stopped';
}

export function resetWords(resetBy) {
  if (resetBy === 'technician') return 'A technician must reset this';
  if (resetBy === 'trainer') return 'You may reset this once the cause is gone';
  return 'Ask a technician';
}

const REFUSALS = {
  NOT_IN_COMMAND: 'Take command first',
  CONTROL_HELD: 'Another panel has command: it must release it (or its command lapses when it goes quiet)',
  TECHNICIAN_ONLY: 'Only a technician may do this',
  WRONG_STATE: 'Not possible right now',
  FAULT: 'A fault stops the rig: see Faults',
  ESTOP: 'The emergency stop is pressed: release it, then reset',
  NO_CLIENT: 'Attach a client first',
  UNKNOWN_CLIENT: 'The rig does not know this client',
  CALIBRATION_MISSING: 'A load sensor is not calibrated: call a technician',
  PRE_USE_CHECK_MISSING: "Today's pre-use check is not done: call a technician",
  LOADS_IMPLAUSIBLE: "The rope loads do not fit this client: check it is the right client and weight, or call a technician",
  OUT_OF_LIMITS: 'Outside the safe limits',
  NO_ENABLE: 'Keep your finger on the button while it moves',
  ASCENT_BLOCKED: 'Going up is blocked (load or limit)',
  NOT_REFERENCED: 'Heights are unknown: a technician must reference the winches',
  CAUSE_PRESENT: 'The cause is still there: cannot reset yet',
  UNKNOWN_TARGET: 'No such target on this rig',
  DRIVES_REFUSED: 'The winch drives refused',
  INVALID: 'The panel sent something the rig does not take',
  MALFORMED: 'The panel sent something the rig does not take',
  STALE_SESSION: 'The rig restarted: try again',
  DUPLICATE: 'Sent twice: ignored',
  STALE_ENABLE: 'The connection is too slow: motion paused',
  COUNTER_JUMP: 'The panel was out of step with the rig: try again',
  RATE_LIMITED: 'Too many commands at once: try again',
};

export function refusalWords(reason) {
  return REFUSALS[reason] || 'Refused';
}

/** SR-24: the wired pendant's id in the rig's state (the person at the rig). */
const PENDANT = 'pendant';

/** Who has command, in words: a panel's id, or the pendant at the rig. */
export function ownerWords(owner) {
  return owner === PENDANT ? 'The pendant at the rig' : owner;
}

/**
 * SR-24: why this panel no longer has command when it did not release it: its command lapsed (the rig
 * heard nothing from it for the lease), or another took it (a technician's panel, the pendant).
 */
export function lostCommandWords(newOwner) {
  if (!newOwner) return 'Command lapsed: the rig heard nothing from this panel for a few seconds (Wi-Fi?). Take command again';
  if (newOwner === PENDANT) return 'The pendant at the rig took command';
  return `${newOwner} took command from this panel`;
}

const COMMANDS = {
  'take-control': 'Take command', 'release-control': 'Release command', stop: 'STOP', reset: 'Reset',
  enable: 'Enable', attach: 'Attach', 'client-ready': 'Ready', detach: 'Strap out', aim: 'Aim',
  'move-to': 'Move to height', jog: 'Nudge', rescue: 'Rescue descent', 'save-offset': 'Save preset',
  'program-start': 'Start program', 'program-pause': 'Pause', 'program-resume': 'Resume', 'program-stop': 'End program',
  'pre-use-check-start': 'Start the check', heartbeat: 'Heartbeat',
};

export function commandWords(command) {
  return COMMANDS[command] || command || 'Command';
}

const PHASES = {
  'moving-up': 'Going up', holding: 'Holding', lowering: 'Lowering', resting: 'Resting',
  'waiting-for-enable': 'Hold the button to continue', paused: 'Paused', done: 'Done',
};

export function phaseWords(phase) {
  return PHASES[phase] || phase || '';
}

const EXERCISES = { 'inverted-hang': 'Head down in the leg straps', 'upright-hang': 'Upright in the finger loops' };

export function exerciseWords(exercise) {
  return EXERCISES[exercise] || 'Another exercise';
}

/** "left-leg" -> "Left leg" */
export function ropeName(id) {
  const s = String(id).replace(/[-_]+/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}
