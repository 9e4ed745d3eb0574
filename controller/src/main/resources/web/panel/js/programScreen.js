// Programs (SPEC 5): hold to start (and then to run: motion steps need the enable, SR-10); pause,
// resume, end; the hold timer, the repetition and the total time.

import { byId, minutes } from './dom.js';
import { phaseWords } from './words.js';

export function createProgramScreen({ holds, ask, segment }) {
  const timer = byId('hold-timer');
  const length = byId('hold-length');
  const repetition = byId('repetition');
  const total = byId('total-time');
  const phase = byId('phase');
  const button = byId('hold-program');
  let program = null;
  let startedAt = null;

  holds.attach(button, () => {
    const running = program && program.phase !== 'done';
    // the rig moves to the program's first height at once: it wants the enable live when the start arrives
    return running ? {} : { start: () => ask('program-start', { segment: segment(), presetId: '' }) };
  });
  byId('program-pause').addEventListener('click', () => ask('program-pause'));
  byId('program-resume').addEventListener('click', () => ask('program-resume'));
  byId('program-stop').addEventListener('click', () => ask('program-stop'));

  function update(state, telemetry) {
    program = state ? state.program : null;
    const running = program && program.phase !== 'done';
    if (running && startedAt === null) startedAt = performance.now();
    if (!running) startedAt = null;
    const elapsed = telemetry && typeof telemetry.holdElapsedS === 'number' ? telemetry.holdElapsedS
      : program ? program.holdElapsedS : null;
    timer.textContent = typeof elapsed === 'number' ? elapsed.toFixed(1) : '0.0';
    length.textContent = program && typeof program.holdS === 'number' ? program.holdS.toFixed(1) : '-';
    repetition.textContent = program ? `${program.repetition} of ${program.repetitions}` : '-';
    total.textContent = startedAt === null ? '0:00' : minutes((performance.now() - startedAt) / 1000);
    phase.textContent = program ? phaseWords(program.phase) : 'No program';
    button.textContent = running ? 'Hold to run the program' : `Hold to start the ${segment()} program`;
    byId('program-pause').disabled = !running || program.phase === 'paused';
    byId('program-resume').disabled = !running || program.phase !== 'paused';
    byId('program-stop').disabled = !running;
  }

  return { update };
}
