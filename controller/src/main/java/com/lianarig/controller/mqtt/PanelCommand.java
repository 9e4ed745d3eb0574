package com.lianarig.controller.mqtt;

import com.lianarig.controller.command.Command;
import java.util.Objects;

/**
 * One command as a panel sent it (docs/mqtt.md): the session it was meant for, the panel's counter,
 * the command itself and, for an enable held, the controller clock reading the panel based it on.
 *
 * @param session the controller session the panel addressed
 * @param counter the panel's counter, 1..2^53-1
 * @param command what is asked
 * @param clockMs for {@code enable} with {@code held: true}: the {@code clockMs} of the newest state or
 *     telemetry the panel had; {@link #NO_CLOCK} otherwise
 */
public record PanelCommand(long session, long counter, Command command, long clockMs) {
    public static final long NO_CLOCK = -1;

    public PanelCommand {
        Objects.requireNonNull(command, "command");
    }

    /** True for what can only make the rig safer: stop, and letting go of enable or rescue. */
    public boolean safeDirection() {
        return command instanceof Command.Stop
                || command instanceof Command.Enable e && !e.held()
                || command instanceof Command.RescueDescent r && !r.held();
    }
}
