// Sound and vibration on the panel (SPEC 6a, SR-21): while the rig's SR-21 alarm is on (too long
// upside down), two beeps and a vibration every 2 s, faster after a minute unanswered; a new fault
// gives three low beeps and a long vibration. Web Audio needs one touch on the page before it may
// sound: the first touch anywhere unlocks it. The state is mirrored on #alarm (data-sounding,
// data-beeps, data-vibrations) so a test, and a technician with the page's inspector, can see it.

const INVERTED_PERIOD_MS = 2000;
const ESCALATED_PERIOD_MS = 700;
const ESCALATE_AFTER_MS = 60000;

export function createAlarm(mirror) {
  let ctx = null;
  let timer = null;
  let invertedSince = 0;
  let beeps = 0;
  let vibrations = 0;

  function audio() {
    if (!ctx) {
      const Ctx = window.AudioContext || window.webkitAudioContext;
      if (!Ctx) return null;
      ctx = new Ctx();
    }
    if (ctx.state === 'suspended') ctx.resume().catch(() => {});
    return ctx;
  }
  document.addEventListener('pointerdown', audio, { capture: true });

  function tone(frequencyHz, startS, lengthS) {
    const a = audio();
    if (!a) return;
    const osc = a.createOscillator();
    const gain = a.createGain();
    osc.type = 'square';
    osc.frequency.value = frequencyHz;
    gain.gain.value = 0.25;
    osc.connect(gain).connect(a.destination);
    const t = a.currentTime + startS;
    osc.start(t);
    osc.stop(t + lengthS);
    beeps++;
    mirror.dataset.beeps = String(beeps);
    mirror.dataset.audio = a.state;
  }

  function vibrate(pattern) {
    if (navigator.vibrate) {
      try { navigator.vibrate(pattern); } catch (e) { /* not allowed here */ }
    }
    vibrations++;
    mirror.dataset.vibrations = String(vibrations);
  }

  function invertedBeat() {
    tone(880, 0, 0.18);
    tone(880, 0.25, 0.18);
    vibrate([300, 120, 300]);
    const escalated = performance.now() - invertedSince > ESCALATE_AFTER_MS;
    mirror.dataset.escalated = String(escalated);
    timer = setTimeout(invertedBeat, escalated ? ESCALATED_PERIOD_MS : INVERTED_PERIOD_MS);
  }

  return {
    /** SR-21's alarm from the rig's state: on or off. */
    inverted(on) {
      if (on && timer === null) {
        invertedSince = performance.now();
        mirror.dataset.sounding = 'true';
        invertedBeat();
      } else if (!on && timer !== null) {
        clearTimeout(timer);
        timer = null;
        mirror.dataset.sounding = 'false';
        mirror.dataset.escalated = 'false';
      }
    },
    /** A fault the panel had not seen before. */
    fault() {
      tone(440, 0, 0.25);
      tone(440, 0.35, 0.25);
      tone(330, 0.7, 0.4);
      vibrate([600]);
    },
  };
}
