/**
 * {@code rig monitor}: a live terminal dashboard of the rigs on a broker for studio staff. A rig is a
 * topic root with a retained {@code <root>/status}; {@link com.lianarig.tools.monitor.MonitorModel}
 * follows every one seen under the filter, {@link com.lianarig.tools.monitor.MonitorRenderer} draws them.
 */
package com.lianarig.tools.monitor;
