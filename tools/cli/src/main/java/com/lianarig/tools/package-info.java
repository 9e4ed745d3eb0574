/**
 * The {@code rig} command line: one picocli command per file under {@link com.lianarig.tools.RigCommand}.
 *
 * <p>Exit codes for every command: 0 success, 1 unexpected failure, 2 bad usage or bad input.
 */
package com.lianarig.tools;
