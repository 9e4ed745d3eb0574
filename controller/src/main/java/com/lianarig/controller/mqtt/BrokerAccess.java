package com.lianarig.controller.mqtt;

/**
 * Who may log in to the embedded broker and what each may publish and subscribe to (SPEC section 6a:
 * each paired phone has its own credentials and may publish only its own command topic). Called by
 * the broker's network threads on every connect, publish and subscribe: implementations answer from
 * memory, never block, and are thread-safe.
 *
 * <p>{@code user} is null for a client that connected without a user name (allowed on the embedded
 * broker, for the rig file's panels and studio tools on a trusted network, as before).
 */
public interface BrokerAccess {

    /** Whether a client that gave a user name may connect; {@code password} may be null. */
    boolean login(String clientId, String user, byte[] password);

    /** Whether {@code user} may publish on {@code topic} (a topic name, never a filter). */
    boolean mayPublish(String user, String topic);

    /** Whether {@code user} may subscribe to {@code filter} (may hold {@code +} and {@code #}). */
    boolean maySubscribe(String user, String filter);

    /**
     * Whether {@link #login} checks every user name against a secret (no name is let in for asking): then
     * the broker may listen beyond loopback with anonymous clients refused (issue 20).
     */
    default boolean authenticates() {
        return false;
    }

    /** Everyone may do everything: the embedded broker without a web panel. */
    BrokerAccess OPEN = new BrokerAccess() {
        @Override
        public boolean login(String clientId, String user, byte[] password) {
            return true;
        }

        @Override
        public boolean mayPublish(String user, String topic) {
            return true;
        }

        @Override
        public boolean maySubscribe(String user, String filter) {
            return true;
        }
    };
}
