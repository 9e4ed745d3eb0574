package com.lianarig.controller.mqtt;

import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Decision;
import com.lianarig.controller.command.Issuer;
import com.lianarig.controller.core.RigController;
import com.lianarig.controller.core.RigStatus;
import java.util.concurrent.CompletableFuture;

/** What the MQTT interface needs of the rig: its state, its live readings, and the command model. */
public interface RigPort {

    RigStatus status();

    /** Queues a command for the controller (the same model the pendant and the tests use). */
    CompletableFuture<Decision> submit(Command command, Issuer issuer);

    /** Each winch's measured speed, mm/s (positive up), into {@code out}. */
    void speedsMmPerS(double[] out);

    /** When the newest load sample was decoded, host monotonic ns; {@link Long#MIN_VALUE} before any. */
    long newestSampleNanos();

    /** The port of a running controller. */
    static RigPort of(RigController controller) {
        return new RigPort() {
            @Override
            public RigStatus status() {
                return controller.status();
            }

            @Override
            public CompletableFuture<Decision> submit(Command command, Issuer issuer) {
                return controller.submit(command, issuer);
            }

            @Override
            public void speedsMmPerS(double[] out) {
                controller.speedsMmPerS(out); // the control thread's snapshot: no lock the loop needs
            }

            @Override
            public long newestSampleNanos() {
                return controller.newestSampleNanos();
            }
        };
    }
}
