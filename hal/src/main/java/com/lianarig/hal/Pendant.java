package com.lianarig.hal;

/**
 * The wired pendant's hold-to-run buttons (SPEC section 1): UP, DOWN and ENABLE. Its STOP button is
 * in the hardwired safety chain, not here.
 *
 * <p>Debounced in the safe direction: a press counts once the contact has been stable for the
 * debounce time (a shorter bounce is ignored); a release counts at once, so letting go stops motion
 * without delay (SR-10). A broken wire reads as released.
 *
 * <p>Thread-safe; listeners are called on the GPIO backend's event thread.
 */
public interface Pendant extends AutoCloseable {

    /** The pendant's buttons. */
    enum Button {
        UP,
        DOWN,
        ENABLE
    }

    /** True while {@code button} is held (debounced). */
    boolean pressed(Button button);

    void addListener(PendantListener listener);

    void removeListener(PendantListener listener);

    @Override
    void close();
}
