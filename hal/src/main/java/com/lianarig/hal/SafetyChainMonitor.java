package com.lianarig.hal;

/**
 * The safety relay's monitoring contact (SPEC section 1): the hardwired chain (pendant STOP, client
 * stop, wall e-stop, ultimate limits) removes drive power and drops the brakes by itself; this only
 * lets the controller see it and enter ESTOP at once (SR-11). It is never the only thing that
 * stops the rig.
 *
 * <p>Fail-safe: a LOW input or a broken wire (pulled down) reads as tripped. A trip is reported at
 * once; a return to healthy only after the contact has been stable for the configured time.
 *
 * <p>Thread-safe; listeners are called on the GPIO backend's event thread.
 */
public interface SafetyChainMonitor extends AutoCloseable {

    /** True when the chain reads healthy now. */
    boolean healthy();

    void addListener(SafetyChainListener listener);

    void removeListener(SafetyChainListener listener);

    @Override
    void close();
}
