package com.lianarig.controller.service;

import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Decision;
import com.lianarig.controller.command.Issuer;
import com.lianarig.controller.core.RigController;
import com.lianarig.controller.core.RigStatus;
import com.lianarig.hal.Pendant;
import com.lianarig.hal.PendantListener;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wired pendant (UP, DOWN, ENABLE on GPIO; its STOP is in the safety chain) as a panel of the
 * command model, issuer {@link Issuer#pendant()}: exactly what an MQTT panel could send, and judged
 * the same way.
 *
 * <ul>
 *   <li>ENABLE pressed: the pendant takes command, from whichever panel has it (SR-24: the person at the
 *       rig always may; a silent tablet never locks the pendant out), then refreshes the enable every
 *       {@value #ENABLE_REFRESH_MS} ms while ENABLE stays held (SR-10 needs one at least every 250 ms).</li>
 *   <li>UP or DOWN pressed: hold-to-run jog of the leg pair; released: jog ends.</li>
 *   <li>ENABLE released: enable let go at once (motion pauses with a controlled stop), jog ended, and
 *       command released (no panel is in command until one takes it again).</li>
 *   <li>ENABLE pressed while SR-21's alarm sounds: the alarm is acknowledged too (a person is at the
 *       rig).</li>
 * </ul>
 * Button events arrive on the GPIO thread and are only queued (never block it).
 */
public final class PendantBridge implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PendantBridge.class);
    static final long ENABLE_REFRESH_MS = 100;

    private final Pendant pendant;
    private final RigController controller;
    private final String group;
    private final Issuer issuer = Issuer.pendant();
    private final ScheduledExecutorService timer;
    private final PendantListener listener = this::onButton;
    private ScheduledFuture<?> refresh;
    private boolean tookControl;

    /**
     * @param group the motion group UP and DOWN jog (the leg pair)
     */
    public PendantBridge(Pendant pendant, RigController controller, String group) {
        this.pendant = pendant;
        this.controller = controller;
        this.group = group;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pendant");
            t.setDaemon(true);
            return t;
        });
        pendant.addListener(listener);
    }

    private void onButton(Pendant.Button button, boolean pressed, long atNanos) {
        timer.execute(() -> handle(button, pressed));
    }

    private synchronized void handle(Pendant.Button button, boolean pressed) {
        switch (button) {
            case ENABLE -> {
                if (pressed) {
                    enablePressed();
                } else {
                    enableReleased();
                }
            }
            case UP -> send(new Command.Jog(group, pressed ? Command.Jog.Direction.UP : jogAfterRelease()));
            case DOWN -> send(new Command.Jog(group, pressed ? Command.Jog.Direction.DOWN : jogAfterRelease()));
        }
    }

    /** After UP or DOWN is released, the other may still be held. */
    private Command.Jog.Direction jogAfterRelease() {
        if (pendant.pressed(Pendant.Button.UP)) {
            return Command.Jog.Direction.UP;
        }
        return pendant.pressed(Pendant.Button.DOWN) ? Command.Jog.Direction.DOWN : Command.Jog.Direction.NONE;
    }

    private void enablePressed() {
        RigStatus now = controller.status();
        if (now.alarm().filter(a -> a.level().sounding()).isPresent()) {
            // SR-21: a press at the rig says a person is there; ENABLE alone moves nothing
            send(new Command.AcknowledgeAlarm());
        }
        if (!now.controlOwner().filter(Issuer.PENDANT_ID::equals).isPresent()) {
            controller.submit(new Command.TakeControl(), issuer).thenAccept(d -> {
                synchronized (this) {
                    tookControl |= d.accepted();
                }
                report(new Command.TakeControl(), d);
            });
        }
        send(new Command.Enable(true));
        if (refresh == null) {
            refresh = timer.scheduleAtFixedRate(this::refreshEnable, ENABLE_REFRESH_MS, ENABLE_REFRESH_MS,
                    TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void refreshEnable() {
        if (pendant.pressed(Pendant.Button.ENABLE)) {
            controller.submit(new Command.Enable(true), issuer);
        } else {
            enableReleased();
        }
    }

    private void enableReleased() {
        if (refresh != null) {
            refresh.cancel(false);
            refresh = null;
        }
        send(new Command.Enable(false));
        send(new Command.Jog(group, Command.Jog.Direction.NONE));
        if (tookControl) {
            tookControl = false;
            send(new Command.ReleaseControl());
        }
    }

    private void send(Command c) {
        controller.submit(c, issuer).thenAccept(d -> report(c, d));
    }

    private static void report(Command c, Decision d) {
        if (!d.accepted()) {
            log.warn("pendant {}: {}", c.name(), d);
        }
    }

    @Override
    public void close() {
        pendant.removeListener(listener);
        timer.shutdownNow();
    }
}
