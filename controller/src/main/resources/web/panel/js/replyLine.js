// The rig's answer to what the trainer last asked, in words: a refusal stays on screen until the next
// command (the enable refreshes and heartbeats that go out in between never overwrite it; only their
// refusals show).

import { byId, el } from './dom.js';
import { commandWords, refusalWords } from './words.js';

const BACKGROUND = new Set(['enable', 'heartbeat']);

export function createReplyLine() {
  const line = byId('reply');
  let asked = null; // { command, counter }

  function show(text, detail, ok) {
    line.className = `reply ${ok ? 'ok' : ''}`;
    line.replaceChildren(text, ...(detail ? [el('small', {}, detail)] : []));
  }

  return {
    /** What the trainer asked just now (a command that is not an enable refresh or a heartbeat). */
    asked(command, result) {
      if (!result.sent) {
        asked = null;
        show(`${commandWords(command)}: not sent, ${result.why}`, '', false);
        return;
      }
      asked = { command, counter: result.counter };
      show(`${commandWords(command)}: sent`, '', true);
    },
    /** Says why the panel did something by itself (a hold ended by a lost connection...). */
    note(text) {
      show(text, '', false);
    },
    reply(r) {
      if (!r || typeof r !== 'object') return;
      if (asked && r.counter === asked.counter) {
        if (r.accepted) show(`${commandWords(r.command)}: done`, '', true);
        else show(`Refused: ${refusalWords(r.reason)}`, r.detail || '', false);
        return;
      }
      if (!r.accepted && (BACKGROUND.has(r.command) || r.command === null || r.command === 'jog')) {
        show(`Refused: ${refusalWords(r.reason)}`, r.detail || '', false);
      }
    },
  };
}
