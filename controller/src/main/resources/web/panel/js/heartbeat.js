// SR-24: a panel says it is still there every second (the panel in command lapses after its silence).

export const HEARTBEAT_MS = 1000;

export function startHeartbeat(link) {
  return setInterval(() => {
    if (link.connected && link.session !== null) link.send('heartbeat');
  }, HEARTBEAT_MS);
}
