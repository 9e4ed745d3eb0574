// STOP (SR-10, I-3): on touch-down, not on release, from any panel whether in command or not. It ends a
// hold in progress first (that hold's release goes out right after the stop). The wired STOP in the
// safety chain is the one that does not depend on software; this one is a command like any other.

export function attachStopButton(button, link, holds, onSent) {
  const stop = (e) => {
    if (e) e.preventDefault();
    // when the finger came down (ms since the epoch, the event's own time stamp): for the browser tests
    document.body.dataset.stopAt = String(performance.timeOrigin + (e ? e.timeStamp : performance.now()));
    const result = link.send('stop');
    holds.end('STOP');
    onSent('stop', result);
  };
  button.addEventListener('pointerdown', (e) => {
    if (e.button === 0) stop(e);
  });
  // keyboard users (and a switch-access device) get STOP from Enter or Space on the focused button
  button.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') stop(e);
  });
  return stop;
}
