package com.lianarig.tools.doctor;

/** Names the fixes share: the installed service's unit and user (the Debian package's). */
final class Fixes {
    /** The systemd unit and the system user of the installed service. */
    static final String SERVICE = "liana-rig";
    static final String STOP_SERVICE = "sudo systemctl stop " + SERVICE;
    static final String START_SERVICE = "sudo systemctl start " + SERVICE;

    private Fixes() {
    }
}
