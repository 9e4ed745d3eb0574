// Hold-to-run on glass (SPEC 6a, SR-10): press and hold a hold button to move; the enable is refreshed
// every ENABLE_REFRESH_MS while the finger stays down, and let go the moment anything ends the hold.
//
// Every way a hold ends goes through end(): the finger lifted, the browser cancelled the pointer
// (a scroll or gesture took over), the finger slid off or moved (a swipe), a second finger touched
// the screen, the page was hidden (screen locked, app switched, tab changed), frozen or closed, the
// window lost focus, the connection to the rig was lost, or the rig went quiet. After end() no enable
// is sent again until a new press; the rig itself stops within SR-10's deadline whether or not the
// release message gets through.
//
// A press shorter than ARM_MS is a tap and sends nothing, so a tap, a scroll or a swipe never moves
// the rig.
//
// The body's data-hold ("none", "pressed", "armed") and data-hold-ended (the reason) say what the hold
// does, and data-pressed-at / data-released-at the touch and lift times (ms since the epoch, from the
// events' own time stamps): for the browser tests and P-7's measurement, and a technician's inspector.

import { OTHER_TAB } from './rigLink.js';

export const ENABLE_REFRESH_MS = 100;
export const ARM_MS = 80;
export const SLOP_PX = 16;
/** No state or telemetry for this long: the enable would be stale on arrival anyway, so the hold ends. */
export const QUIET_MS = 400;

/**
 * @param link the rig link (send, clockMs, heardAt, on('connection'))
 * @param onChange called with (holding: boolean, reason: string) whenever a hold starts or ends
 */
export function createHoldToRun(link, onChange = () => {}) {
  let hold = null; // { button, pointerId, action, x, y, armed, armTimer, refreshTimer, startedAt }

  /** Sends enable (held) with the newest controller clock the panel has heard. */
  function enable() {
    return link.send('enable', { held: true, clockMs: link.clockMs });
  }

  /**
   * Ends the hold in progress, whatever ended it: the one place a hold stops.
   * @param reason in words, for the screen ("released", "second finger", "page hidden", ...)
   */
  function end(reason, eventTime) {
    if (!hold) return;
    const h = hold;
    hold = null;
    document.body.dataset.releasedAt = String(performance.timeOrigin + (eventTime ?? performance.now()));
    document.body.dataset.hold = 'none';
    document.body.dataset.holdEnded = reason;
    clearTimeout(h.armTimer);
    clearInterval(h.refreshTimer);
    h.button.classList.remove('held');
    try {
      if (h.button.hasPointerCapture && h.button.hasPointerCapture(h.pointerId)) {
        h.button.releasePointerCapture(h.pointerId);
      }
    } catch (e) {
      // the pointer is gone already
    }
    if (h.armed) {
      link.send('enable', { held: false });
      if (h.action.release) h.action.release(link);
    }
    onChange(false, reason);
  }

  function arm(h) {
    if (hold !== h) return;
    if (link.standby) {
      end(OTHER_TAB); // another tab of this device is the panel (tabClaim.js)
      return;
    }
    if (link.clockMs < 0 || !link.connected || performance.now() - link.heardAt > QUIET_MS) {
      end('no word from the rig');
      return;
    }
    const first = enable();
    if (!first.sent) {
      end(first.why);
      return;
    }
    h.armed = true;
    document.body.dataset.hold = 'armed';
    h.button.classList.add('held');
    if (h.action.start) h.action.start(link);
    h.refreshTimer = setInterval(() => {
      if (hold !== h) return;
      if (!link.connected) { end('connection lost'); return; }
      if (performance.now() - link.heardAt > QUIET_MS) { end('no word from the rig'); return; }
      enable();
    }, ENABLE_REFRESH_MS);
    onChange(true, 'holding');
  }

  /**
   * Makes a button a hold-to-run control.
   * @param button the element
   * @param action { start(link), release(link) }: what the hold does beyond the enable: right after it
   *     (a jog, an aim, a move, a program start: the rig wants the enable live when they arrive), and at
   *     the end (jog none); a function returning the action is asked at each press
   */
  function attach(button, action) {
    button.addEventListener('pointerdown', (e) => {
      if (e.button !== 0 || hold || button.disabled) {
        if (hold) end('second finger');
        return;
      }
      e.preventDefault();
      const a = typeof action === 'function' ? action() : action;
      if (!a) return;
      try { button.setPointerCapture(e.pointerId); } catch (err) { /* synthetic pointers */ }
      const h = { button, pointerId: e.pointerId, action: a, x: e.clientX, y: e.clientY, armed: false };
      hold = h;
      document.body.dataset.hold = 'pressed';
      document.body.dataset.pressedAt = String(performance.timeOrigin + e.timeStamp);
      h.armTimer = setTimeout(() => arm(h), ARM_MS);
    });
    button.addEventListener('pointermove', (e) => {
      if (hold && hold.button === button && e.pointerId === hold.pointerId
          && Math.hypot(e.clientX - hold.x, e.clientY - hold.y) > SLOP_PX) {
        end('finger moved');
      }
    });
    for (const type of ['pointerup', 'pointercancel', 'lostpointercapture']) {
      button.addEventListener(type, (e) => {
        if (hold && hold.button === button && e.pointerId === hold.pointerId) {
          end(type === 'pointerup' ? 'released' : 'pointer cancelled', e.timeStamp);
        }
      });
    }
    button.addEventListener('pointerleave', (e) => {
      if (hold && hold.button === button && e.pointerId === hold.pointerId && !button.hasPointerCapture(e.pointerId)) {
        end('finger slid off');
      }
    });
    button.addEventListener('contextmenu', (e) => e.preventDefault());
  }

  // A second finger anywhere ends the hold (and does not start another).
  document.addEventListener('pointerdown', (e) => {
    if (hold && e.pointerId !== hold.pointerId) end('second finger');
  }, true);
  document.addEventListener('touchstart', (e) => {
    if (hold && e.touches.length > 1) end('second finger');
  }, { capture: true, passive: true });
  document.addEventListener('visibilitychange', (e) => {
    if (document.visibilityState !== 'visible') end('page hidden', e.timeStamp);
  });
  document.addEventListener('freeze', () => end('page frozen'));
  window.addEventListener('pagehide', () => end('page closed'));
  window.addEventListener('blur', () => end('window lost focus'));
  link.on('connection', (c) => { if (!c.up) end('connection lost'); });

  return {
    attach,
    end,
    holding: () => hold !== null && hold.armed,
  };
}
