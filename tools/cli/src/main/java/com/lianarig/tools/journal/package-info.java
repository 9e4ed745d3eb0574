/**
 * {@code rig journal}: reads the controller's durable journal without disturbing the service that
 * writes it (through {@link com.lianarig.controller.journal.JournalReader}), and views, filters and
 * exports its records, the per-client session history and the maintenance counters derived from them.
 */
package com.lianarig.tools.journal;
