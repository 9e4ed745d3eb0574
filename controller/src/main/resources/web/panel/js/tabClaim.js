// One live tab per device (docs/panel.md, "Two tabs of one device"). Every tab of this browser runs as
// the device's one panel id, and the rig knows a panel id as one panel: one command counter (it refuses
// a counter that is not above the last one, DUPLICATE), one heartbeat, one holder of command. Two tabs
// sending as one panel would spoil each other's counters (a hold cut short by a refusal) and a tab the
// trainer is not looking at could keep command alive or move the rig. So one tab is the panel: the
// newest one opened (a reload is a new one), or the one where the trainer tapped "Use this tab". It
// says so on a BroadcastChannel of this origin (every tab sharing the pairing hears it: they share its
// storage); each other tab of the device stands by: its hold ends, it sends no heartbeat and no command
// but STOP and letting go (the rig acts on those whatever their counter), and it says the panel is open
// in another tab.

const CHANNEL = 'liana-rig-panel-tabs';

/**
 * @param panelId this device's panel id (tabs of another pairing are not this panel)
 * @param onChange called with (live: boolean) when this tab becomes the panel or stands by
 */
export function createTabClaim(panelId, onChange) {
  const tabId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  let live = true;
  let channel = null;
  if (typeof BroadcastChannel === 'function') {
    channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = (e) => {
      const m = e.data;
      if (m && m.type === 'claim' && m.panelId === panelId && m.tabId !== tabId) set(false);
    };
  }

  function set(now) {
    if (now === live) return;
    live = now;
    onChange(live);
  }

  /** This tab is the panel from now on; every other tab of the device stands by. */
  function claim() {
    if (channel) channel.postMessage({ type: 'claim', panelId, tabId });
    set(true);
  }

  // a page brought back from the browser's back-forward cache is the one the trainer looks at now
  window.addEventListener('pageshow', (e) => { if (e.persisted) claim(); });

  return { claim, live: () => live };
}
