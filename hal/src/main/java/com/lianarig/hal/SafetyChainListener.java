package com.lianarig.hal;

/** Receives every change of the safety chain's monitoring contact (SR-11). Must not block. */
@FunctionalInterface
public interface SafetyChainListener {

    /**
     * @param healthy true when the chain reads healthy, false when it tripped (or its wire broke)
     * @param atNanos host monotonic clock when the change was seen, ns
     */
    void onSafetyChain(boolean healthy, long atNanos);
}
