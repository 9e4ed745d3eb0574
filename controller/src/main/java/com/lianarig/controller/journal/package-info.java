/**
 * The controller's durable local journal and the outbox of its MQTT events (SPEC sections 4 and 6,
 * ); format, recovery and threads in docs/journal.md.
 *
 * <p>{@link com.lianarig.controller.journal.Journal} is the entry point: {@code append} from any thread
 * without waiting for the disk, one writer thread that forces records in batches and rotates segments
 * within the configured bound, {@code readFrom}/{@code markDelivered}/{@code firstUndelivered} for the
 * outbox. The rest is package-private: the record codec and segment header (CRC-32C, little-endian),
 * recovery of the last segment after a power cut, the segment writer and reader, the delivered
 * cursor, and the file-operations seam tests use to stall or fail the writer.
 */
package com.lianarig.controller.journal;
